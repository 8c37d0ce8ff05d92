using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccessibleFormat",
                table: "People",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Standard");

            migrationBuilder.CreateTable(
                name: "CaseDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: true),
                    Format = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Html = table.Column<string>(type: "TEXT", nullable: false),
                    ProducedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProducedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseDocuments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDocuments_PersonId_ProducedAtUtc",
                table: "CaseDocuments",
                columns: new[] { "PersonId", "ProducedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseDocuments");

            migrationBuilder.DropColumn(
                name: "AccessibleFormat",
                table: "People");
        }
    }
}
