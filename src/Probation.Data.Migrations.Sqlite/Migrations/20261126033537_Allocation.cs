using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Allocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FactsToConfirm",
                table: "People",
                type: "INTEGER",
                maxLength: 40,
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReceivedOn",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "People",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseAllocations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DecidedAs = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequiredGrade = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ResourceLevel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FemaleOfficerRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    MatrixReasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CandidateReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Override = table.Column<bool>(type: "INTEGER", nullable: false),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAllocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAllocations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseAllocations_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_People_TeamId_ResponsibleOfficerId_ReceivedOn",
                table: "People",
                columns: new[] { "TeamId", "ResponsibleOfficerId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAllocations_PersonId_From",
                table: "CaseAllocations",
                columns: new[] { "PersonId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAllocations_StaffMemberId",
                table: "CaseAllocations",
                column: "StaffMemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseAllocations");

            migrationBuilder.DropIndex(
                name: "IX_People_TeamId_ResponsibleOfficerId_ReceivedOn",
                table: "People");

            migrationBuilder.DropColumn(
                name: "FactsToConfirm",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ReceivedOn",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "People");
        }
    }
}
