using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Probation.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UnpaidWorkCancellationsCorrectionsAndRetirement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Active",
                table: "UnpaidWorkProjects");

            migrationBuilder.AddColumn<DateOnly>(
                name: "RetiredOn",
                table: "UnpaidWorkProjects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "UnpaidWorkProjects",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "UnpaidWorkAttendanceCorrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<int>(type: "integer", nullable: false),
                    PreviousOutcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PreviousStartedAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    PreviousFinishedAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    PreviousPenaltyMinutes = table.Column<int>(type: "integer", nullable: false),
                    PreviousTravelMinutes = table.Column<int>(type: "integer", nullable: false),
                    PreviousCreditedMinutes = table.Column<int>(type: "integer", nullable: false),
                    PreviousReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Changes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CorrectedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CorrectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnpaidWorkAttendanceCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkAttendanceCorrections_UnpaidWorkBookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "UnpaidWorkBookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UnpaidWorkBookingCancellations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    RequirementId = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Details = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    BookedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CancelledBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CancelledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnpaidWorkBookingCancellations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkBookingCancellations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkBookingCancellations_Requirements_RequirementId",
                        column: x => x.RequirementId,
                        principalTable: "Requirements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkBookingCancellations_UnpaidWorkSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "UnpaidWorkSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkAttendanceCorrections_BookingId",
                table: "UnpaidWorkAttendanceCorrections",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkBookingCancellations_PersonId",
                table: "UnpaidWorkBookingCancellations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkBookingCancellations_RequirementId",
                table: "UnpaidWorkBookingCancellations",
                column: "RequirementId");

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkBookingCancellations_SessionId",
                table: "UnpaidWorkBookingCancellations",
                column: "SessionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UnpaidWorkAttendanceCorrections");

            migrationBuilder.DropTable(
                name: "UnpaidWorkBookingCancellations");

            migrationBuilder.DropColumn(
                name: "RetiredOn",
                table: "UnpaidWorkProjects");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "UnpaidWorkProjects");

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "UnpaidWorkProjects",
                type: "boolean",
                nullable: false,
                defaultValue: true);
        }
    }
}
