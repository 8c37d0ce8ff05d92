using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Probation.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Oversight : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OversightEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<int>(type: "integer", nullable: true),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ManagerStaffId = table.Column<int>(type: "integer", nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CheckBy = table.Column<DateOnly>(type: "date", nullable: true),
                    CheckedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Followed = table.Column<bool>(type: "boolean", nullable: true),
                    CheckComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OversightEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OversightEntries_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OversightEntries_Staff_ManagerStaffId",
                        column: x => x.ManagerStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffSupervisionRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: false),
                    ManagerStaffId = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffSupervisionRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffSupervisionRecords_Staff_ManagerStaffId",
                        column: x => x.ManagerStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StaffSupervisionRecords_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffSupervisionCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StaffSupervisionRecordId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffSupervisionCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffSupervisionCases_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffSupervisionCases_StaffSupervisionRecords_StaffSupervis~",
                        column: x => x.StaffSupervisionRecordId,
                        principalTable: "StaffSupervisionRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OversightEntries_ManagerStaffId",
                table: "OversightEntries",
                column: "ManagerStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_OversightEntries_PersonId_RecordedOn",
                table: "OversightEntries",
                columns: new[] { "PersonId", "RecordedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffSupervisionCases_PersonId",
                table: "StaffSupervisionCases",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffSupervisionCases_StaffSupervisionRecordId_PersonId",
                table: "StaffSupervisionCases",
                columns: new[] { "StaffSupervisionRecordId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffSupervisionRecords_ManagerStaffId",
                table: "StaffSupervisionRecords",
                column: "ManagerStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffSupervisionRecords_StaffMemberId_On",
                table: "StaffSupervisionRecords",
                columns: new[] { "StaffMemberId", "On" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OversightEntries");

            migrationBuilder.DropTable(
                name: "StaffSupervisionCases");

            migrationBuilder.DropTable(
                name: "StaffSupervisionRecords");
        }
    }
}
