using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Probation.Data.Migrations.Postgres.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceReference",
                table: "People",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProviderId = table.Column<int>(type: "integer", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: true),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Format = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Refused = table.Column<int>(type: "integer", nullable: false),
                    AlreadyImported = table.Column<int>(type: "integer", nullable: false),
                    Created = table.Column<int>(type: "integer", nullable: false),
                    Batches = table.Column<int>(type: "integer", nullable: false),
                    BatchesDone = table.Column<int>(type: "integer", nullable: false),
                    Problem = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
