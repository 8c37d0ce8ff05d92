using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseStatuses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseStatuses",
                columns: table => new
                {
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UnderSupervision = table.Column<bool>(type: "INTEGER", nullable: false),
                    HighAlerts = table.Column<int>(type: "INTEGER", nullable: false),
                    MediumAlerts = table.Column<int>(type: "INTEGER", nullable: false),
                    AssessmentsOverdue = table.Column<int>(type: "INTEGER", nullable: false),
                    PlansOverdue = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewsOverdue = table.Column<int>(type: "INTEGER", nullable: false),
                    ChecksAwaitingAnswer = table.Column<int>(type: "INTEGER", nullable: false),
                    AbsencesAwaitingDecision = table.Column<int>(type: "INTEGER", nullable: false),
                    EnforcementDecisionsDue = table.Column<int>(type: "INTEGER", nullable: false),
                    DirectionsDueForCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    Alerts = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStatuses", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_CaseStatuses_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseStatuses");
        }
    }
}
