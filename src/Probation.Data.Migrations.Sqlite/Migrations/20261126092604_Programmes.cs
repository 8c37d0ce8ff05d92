using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Programmes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgrammeGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Programme = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Time = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeGroups_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgrammeGroups_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeFacilitator",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeFacilitator", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeFacilitator_ProgrammeGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "ProgrammeGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeFacilitator_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeReferrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequirementId = table.Column<int>(type: "INTEGER", nullable: true),
                    Programme = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PreferredTime = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReferredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReferredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StatusChangedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WaitingSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeReferrals_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeReferrals_ProgrammeGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "ProgrammeGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgrammeReferrals_Requirements_RequirementId",
                        column: x => x.RequirementId,
                        principalTable: "Requirements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeSession",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeSession", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeSession_ProgrammeGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "ProgrammeGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeAttendance",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeAttendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeAttendance_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeAttendance_ProgrammeReferrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "ProgrammeReferrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeAttendance_ProgrammeSession_SessionId",
                        column: x => x.SessionId,
                        principalTable: "ProgrammeSession",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeAttendance_ContactId",
                table: "ProgrammeAttendance",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeAttendance_ReferralId",
                table: "ProgrammeAttendance",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeAttendance_SessionId_ReferralId",
                table: "ProgrammeAttendance",
                columns: new[] { "SessionId", "ReferralId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeFacilitator_GroupId_StaffMemberId",
                table: "ProgrammeFacilitator",
                columns: new[] { "GroupId", "StaffMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeFacilitator_StaffMemberId",
                table: "ProgrammeFacilitator",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeGroups_ProviderId_Programme_StartDate",
                table: "ProgrammeGroups",
                columns: new[] { "ProviderId", "Programme", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeGroups_SiteId",
                table: "ProgrammeGroups",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeReferrals_GroupId",
                table: "ProgrammeReferrals",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeReferrals_PersonId",
                table: "ProgrammeReferrals",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeReferrals_RequirementId",
                table: "ProgrammeReferrals",
                column: "RequirementId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeReferrals_Status_Programme",
                table: "ProgrammeReferrals",
                columns: new[] { "Status", "Programme" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSession_GroupId_On",
                table: "ProgrammeSession",
                columns: new[] { "GroupId", "On" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgrammeAttendance");

            migrationBuilder.DropTable(
                name: "ProgrammeFacilitator");

            migrationBuilder.DropTable(
                name: "ProgrammeReferrals");

            migrationBuilder.DropTable(
                name: "ProgrammeSession");

            migrationBuilder.DropTable(
                name: "ProgrammeGroups");
        }
    }
}
