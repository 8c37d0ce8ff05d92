using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditSeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditSeals",
                columns: table => new
                {
                    Position = table.Column<long>(type: "INTEGER", nullable: false),
                    AfterEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    ThroughEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SealedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditSeals", x => x.Position);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditSeals_ThroughEntryId",
                table: "AuditSeals",
                column: "ThroughEntryId",
                unique: true);

            // The seals are append-only like the log they cover.
            migrationBuilder.Sql("CREATE TRIGGER \"AuditSeals_no_update\" BEFORE UPDATE ON \"AuditSeals\" BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"AuditSeals_no_delete\" BEFORE DELETE ON \"AuditSeals\" BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditSeals_no_update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditSeals_no_delete\";");
            migrationBuilder.DropTable(
                name: "AuditSeals");
        }
    }
}
