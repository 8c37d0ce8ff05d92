using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_ProviderId",
                table: "People");

            migrationBuilder.AddColumn<int>(
                name: "CaseImportId",
                table: "People",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceReference",
                table: "People",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    Refused = table.Column<int>(type: "INTEGER", nullable: false),
                    AlreadyImported = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<int>(type: "INTEGER", nullable: false),
                    Batches = table.Column<int>(type: "INTEGER", nullable: false),
                    BatchesDone = table.Column<int>(type: "INTEGER", nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseImports_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_People_CaseImportId",
                table: "People",
                column: "CaseImportId");

            migrationBuilder.CreateIndex(
                name: "IX_People_ProviderId_SourceReference",
                table: "People",
                columns: new[] { "ProviderId", "SourceReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseImports_ProviderId_StartedAtUtc",
                table: "CaseImports",
                columns: new[] { "ProviderId", "StartedAtUtc" });

            migrationBuilder.AddForeignKey(
                name: "FK_People_CaseImports_CaseImportId",
                table: "People",
                column: "CaseImportId",
                principalTable: "CaseImports",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_People_CaseImports_CaseImportId",
                table: "People");

            migrationBuilder.DropTable(
                name: "CaseImports");

            migrationBuilder.DropIndex(
                name: "IX_People_CaseImportId",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_ProviderId_SourceReference",
                table: "People");

            migrationBuilder.DropColumn(
                name: "CaseImportId",
                table: "People");

            migrationBuilder.DropColumn(
                name: "SourceReference",
                table: "People");

            migrationBuilder.CreateIndex(
                name: "IX_People_ProviderId",
                table: "People",
                column: "ProviderId");
        }
    }
}
