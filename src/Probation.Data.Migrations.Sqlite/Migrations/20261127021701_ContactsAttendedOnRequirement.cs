using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ContactsAttendedOnRequirement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Contacts_AttendedOnRequirement",
                table: "Contacts",
                columns: new[] { "PersonId", "RequirementId", "On" },
                filter: "\"RequirementId\" IS NOT NULL AND \"Outcome\" = 'AttendedAndComplied'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_AttendedOnRequirement",
                table: "Contacts");
        }
    }
}
