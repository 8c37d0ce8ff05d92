using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Postgres.Migrations
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
                    Position = table.Column<long>(type: "bigint", nullable: false),
                    AfterEntryId = table.Column<long>(type: "bigint", nullable: false),
                    ThroughEntryId = table.Column<long>(type: "bigint", nullable: false),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    SealedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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

            // The seals are append-only like the log they cover (the function comes from AuditLogAppendOnly).
            migrationBuilder.Sql("CREATE TRIGGER \"AuditSeals_append_only\" BEFORE UPDATE OR DELETE OR TRUNCATE ON \"AuditSeals\" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditSeals_append_only\" ON \"AuditSeals\";");
            migrationBuilder.DropTable(
                name: "AuditSeals");
        }
    }
}
