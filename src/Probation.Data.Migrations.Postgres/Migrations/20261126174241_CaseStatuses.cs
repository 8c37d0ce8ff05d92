using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Postgres.Migrations
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
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    PersonVersion = table.Column<int>(type: "integer", nullable: false),
                    ComputedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    UnderSupervision = table.Column<bool>(type: "boolean", nullable: false),
                    HighAlerts = table.Column<int>(type: "integer", nullable: false),
                    MediumAlerts = table.Column<int>(type: "integer", nullable: false),
                    AssessmentsOverdue = table.Column<int>(type: "integer", nullable: false),
                    PlansOverdue = table.Column<int>(type: "integer", nullable: false),
                    ReviewsOverdue = table.Column<int>(type: "integer", nullable: false),
                    ChecksAwaitingAnswer = table.Column<int>(type: "integer", nullable: false),
                    AbsencesAwaitingDecision = table.Column<int>(type: "integer", nullable: false),
                    EnforcementDecisionsDue = table.Column<int>(type: "integer", nullable: false),
                    DirectionsDueForCheck = table.Column<int>(type: "integer", nullable: false),
                    Alerts = table.Column<string>(type: "text", nullable: false)
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
