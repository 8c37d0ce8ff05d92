using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Probation.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Resettlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustodyRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    PrisonId = table.Column<int>(type: "integer", nullable: false),
                    ReceptionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SentenceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SentenceLengthMonths = table.Column<int>(type: "integer", nullable: false),
                    ExpectedReleaseDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReleaseType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WomensThroughcare = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ScreenedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ScreenedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PlanCompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PlanRevisedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PlanWrittenBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RiskOfHarmConsidered = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    HandoverOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HandoverTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    HandoverNotes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReleasedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AccommodationOnRelease = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    FirstAppointmentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    BenefitsInPlace = table.Column<bool>(type: "boolean", nullable: true),
                    ReleaseNotes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustodyRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustodyRecords_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CustodyRecords_Sites_PrisonId",
                        column: x => x.PrisonId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ResettlementActivities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustodyRecordId = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Pathway = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DeliveredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CoordinatedWith = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResettlementActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResettlementActivities_CustodyRecords_CustodyRecordId",
                        column: x => x.CustodyRecordId,
                        principalTable: "CustodyRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResettlementNeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustodyRecordId = table.Column<int>(type: "integer", nullable: false),
                    Pathway = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Actions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Partner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UpdatedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResettlementNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResettlementNeeds_CustodyRecords_CustodyRecordId",
                        column: x => x.CustodyRecordId,
                        principalTable: "CustodyRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustodyRecords_PersonId_ReceptionDate",
                table: "CustodyRecords",
                columns: new[] { "PersonId", "ReceptionDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustodyRecords_PrisonId_ReleasedOn_ExpectedReleaseDate",
                table: "CustodyRecords",
                columns: new[] { "PrisonId", "ReleasedOn", "ExpectedReleaseDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementActivities_CustodyRecordId_On",
                table: "ResettlementActivities",
                columns: new[] { "CustodyRecordId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementNeeds_CustodyRecordId_Pathway",
                table: "ResettlementNeeds",
                columns: new[] { "CustodyRecordId", "Pathway" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResettlementActivities");

            migrationBuilder.DropTable(
                name: "ResettlementNeeds");

            migrationBuilder.DropTable(
                name: "CustodyRecords");
        }
    }
}
