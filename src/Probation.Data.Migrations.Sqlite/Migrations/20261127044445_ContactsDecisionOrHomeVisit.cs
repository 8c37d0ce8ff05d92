using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ContactsDecisionOrHomeVisit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Contacts_DecisionOrHomeVisit",
                table: "Contacts",
                columns: new[] { "PersonId", "On" },
                filter: "\"Outcome\" IN ('FailedToAttend', 'AttendedNotComplied', 'SentHome') OR (\"Kind\" = 'HomeVisit' AND \"Outcome\" = 'AttendedAndComplied')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_DecisionOrHomeVisit",
                table: "Contacts");
        }
    }
}
