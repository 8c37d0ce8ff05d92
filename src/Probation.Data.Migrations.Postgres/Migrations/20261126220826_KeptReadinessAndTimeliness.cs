using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Probation.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KeptReadinessAndTimeliness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DailyReadinessCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ProviderId = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<int>(type: "integer", nullable: true),
                    OfficerId = table.Column<int>(type: "integer", nullable: false),
                    KeyQuestion = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Yes = table.Column<int>(type: "integer", nullable: false),
                    No = table.Column<int>(type: "integer", nullable: false),
                    NotApplicable = table.Column<int>(type: "integer", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyReadinessCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DailyTimelinessCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ProviderId = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<int>(type: "integer", nullable: true),
                    OfficerId = table.Column<int>(type: "integer", nullable: true),
                    Measure = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    TeamTotal = table.Column<bool>(type: "boolean", nullable: false),
                    WholeMonth = table.Column<bool>(type: "boolean", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Met = table.Column<double>(type: "double precision", nullable: false),
                    Of = table.Column<double>(type: "double precision", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyTimelinessCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DailyReadinessCounts_Day_ProviderId_TeamId_OfficerId",
                table: "DailyReadinessCounts",
                columns: new[] { "Day", "ProviderId", "TeamId", "OfficerId" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyTimelinessCounts_Day_ProviderId_TeamTotal_WholeMonth_O~",
                table: "DailyTimelinessCounts",
                columns: new[] { "Day", "ProviderId", "TeamTotal", "WholeMonth", "On", "Measure", "TeamId", "OfficerId", "Met", "Of" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyReadinessCounts");

            migrationBuilder.DropTable(
                name: "DailyTimelinessCounts");
        }
    }
}
