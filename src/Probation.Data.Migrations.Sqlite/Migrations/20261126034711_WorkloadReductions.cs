using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkloadReductions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "ReductionHours",
                table: "Staff",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReductionHours",
                table: "Staff");
        }
    }
}
