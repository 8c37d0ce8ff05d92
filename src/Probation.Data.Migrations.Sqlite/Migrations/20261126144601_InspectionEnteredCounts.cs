using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InspectionEnteredCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseAssessments_InspectionId",
                table: "CaseAssessments");

            migrationBuilder.CreateTable(
                name: "InspectionEnteredCounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StandardId = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Cases = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionEnteredCounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionEnteredCounts_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InspectionEnteredKeyQuestionCounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnteredCountsId = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyQuestionId = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Yes = table.Column<int>(type: "INTEGER", nullable: false),
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    NotApplicable = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionEnteredKeyQuestionCounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionEnteredKeyQuestionCounts_InspectionEnteredCounts_EnteredCountsId",
                        column: x => x.EnteredCountsId,
                        principalTable: "InspectionEnteredCounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssessments_InspectionId_PersonId_Scope",
                table: "CaseAssessments",
                columns: new[] { "InspectionId", "PersonId", "Scope" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionEnteredCounts_InspectionId_StandardId",
                table: "InspectionEnteredCounts",
                columns: new[] { "InspectionId", "StandardId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionEnteredKeyQuestionCounts_EnteredCountsId_KeyQuestionId",
                table: "InspectionEnteredKeyQuestionCounts",
                columns: new[] { "EnteredCountsId", "KeyQuestionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InspectionEnteredKeyQuestionCounts");

            migrationBuilder.DropTable(
                name: "InspectionEnteredCounts");

            migrationBuilder.DropIndex(
                name: "IX_CaseAssessments_InspectionId_PersonId_Scope",
                table: "CaseAssessments");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssessments_InspectionId",
                table: "CaseAssessments",
                column: "InspectionId");
        }
    }
}
