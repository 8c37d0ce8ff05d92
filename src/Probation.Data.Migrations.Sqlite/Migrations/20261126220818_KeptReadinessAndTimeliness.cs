using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: true),
                    OfficerId = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyQuestion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Yes = table.Column<int>(type: "INTEGER", nullable: false),
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    NotApplicable = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyReadinessCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DailyTimelinessCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: true),
                    OfficerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    TeamTotal = table.Column<bool>(type: "INTEGER", nullable: false),
                    WholeMonth = table.Column<bool>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Met = table.Column<double>(type: "REAL", nullable: false),
                    Of = table.Column<double>(type: "REAL", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "IX_DailyTimelinessCounts_Day_ProviderId_TeamTotal_WholeMonth_On_Measure_TeamId_OfficerId_Met_Of",
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
