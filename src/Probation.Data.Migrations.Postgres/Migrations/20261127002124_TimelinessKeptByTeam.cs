using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TimelinessKeptByTeam : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows kept in the old shape (by officer as well as by team) would be summed twice: the next refresh writes them again.
            migrationBuilder.Sql("DELETE FROM \"DailyTimelinessCounts\"");
            migrationBuilder.Sql("DELETE FROM \"DailyReadinessCounts\" WHERE \"KeyQuestion\" = 'refresh'");

            migrationBuilder.DropIndex(
                name: "IX_DailyTimelinessCounts_Day_ProviderId_TeamTotal_WholeMonth_O~",
                table: "DailyTimelinessCounts");

            migrationBuilder.DropColumn(
                name: "OfficerId",
                table: "DailyTimelinessCounts");

            migrationBuilder.DropColumn(
                name: "TeamTotal",
                table: "DailyTimelinessCounts");

            migrationBuilder.CreateIndex(
                name: "IX_DailyTimelinessCounts_Day_ProviderId_WholeMonth_On_Measure_~",
                table: "DailyTimelinessCounts",
                columns: new[] { "Day", "ProviderId", "WholeMonth", "On", "Measure", "TeamId", "Met", "Of" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DailyTimelinessCounts_Day_ProviderId_WholeMonth_On_Measure_~",
                table: "DailyTimelinessCounts");

            migrationBuilder.AddColumn<int>(
                name: "OfficerId",
                table: "DailyTimelinessCounts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TeamTotal",
                table: "DailyTimelinessCounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_DailyTimelinessCounts_Day_ProviderId_TeamTotal_WholeMonth_O~",
                table: "DailyTimelinessCounts",
                columns: new[] { "Day", "ProviderId", "TeamTotal", "WholeMonth", "On", "Measure", "TeamId", "OfficerId", "Met", "Of" });
        }
    }
}
