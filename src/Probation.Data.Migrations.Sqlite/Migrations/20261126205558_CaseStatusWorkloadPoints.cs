using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseStatusWorkloadPoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Statuses kept before the workload points were part of them are dropped: the next reader computes them again.
            migrationBuilder.Sql("DELETE FROM \"CaseStatuses\";");
            migrationBuilder.AddColumn<int>(
                name: "WorkloadPoints",
                table: "CaseStatuses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WorkloadPoints",
                table: "CaseStatuses");
        }
    }
}
