using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UnpaidWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UnpaidWorkAssessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Health = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Skills = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AvailableDays = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    AvailabilityNotes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RiskToPublic = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RiskToSupervisors = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DiversityNeeds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RuledOut = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    AssessedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnpaidWorkAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkAssessments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UnpaidWorkAwards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Qualification = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HoursTowards = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnpaidWorkAwards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkAwards_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UnpaidWorkProjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Beneficiary = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Placement = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    WomenOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Risks = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    RiskNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    WeekendAvailable = table.Column<bool>(type: "INTEGER", nullable: false),
                    Award = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnpaidWorkProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkProjects_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkProjects_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnpaidWorkProjectSupervisor",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnpaidWorkProjectSupervisor", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkProjectSupervisor_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkProjectSupervisor_UnpaidWorkProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "UnpaidWorkProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UnpaidWorkSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    SupervisorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Briefing = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EquipmentIssued = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    EquipmentNotes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    BriefingRecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AttendanceRecordedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnpaidWorkSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkSessions_Staff_SupervisorId",
                        column: x => x.SupervisorId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkSessions_UnpaidWorkProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "UnpaidWorkProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnpaidWorkBookings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequirementId = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Placement = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Award = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    StartedAt = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    PenaltyMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    TravelMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    CreditedMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: true),
                    BookedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnpaidWorkBookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkBookings_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkBookings_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkBookings_Requirements_RequirementId",
                        column: x => x.RequirementId,
                        principalTable: "Requirements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnpaidWorkBookings_UnpaidWorkSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "UnpaidWorkSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkAssessments_PersonId_CompletedOn",
                table: "UnpaidWorkAssessments",
                columns: new[] { "PersonId", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkAwards_PersonId_Qualification",
                table: "UnpaidWorkAwards",
                columns: new[] { "PersonId", "Qualification" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkBookings_ContactId",
                table: "UnpaidWorkBookings",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkBookings_PersonId_On",
                table: "UnpaidWorkBookings",
                columns: new[] { "PersonId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkBookings_RequirementId",
                table: "UnpaidWorkBookings",
                column: "RequirementId");

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkBookings_SessionId_PersonId",
                table: "UnpaidWorkBookings",
                columns: new[] { "SessionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkProjects_ProviderId_Name",
                table: "UnpaidWorkProjects",
                columns: new[] { "ProviderId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkProjects_SiteId",
                table: "UnpaidWorkProjects",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkProjectSupervisor_ProjectId_StaffMemberId",
                table: "UnpaidWorkProjectSupervisor",
                columns: new[] { "ProjectId", "StaffMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkProjectSupervisor_StaffMemberId",
                table: "UnpaidWorkProjectSupervisor",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkSessions_On_ProjectId",
                table: "UnpaidWorkSessions",
                columns: new[] { "On", "ProjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkSessions_ProjectId",
                table: "UnpaidWorkSessions",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_UnpaidWorkSessions_SupervisorId",
                table: "UnpaidWorkSessions",
                column: "SupervisorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UnpaidWorkAssessments");

            migrationBuilder.DropTable(
                name: "UnpaidWorkAwards");

            migrationBuilder.DropTable(
                name: "UnpaidWorkBookings");

            migrationBuilder.DropTable(
                name: "UnpaidWorkProjectSupervisor");

            migrationBuilder.DropTable(
                name: "UnpaidWorkSessions");

            migrationBuilder.DropTable(
                name: "UnpaidWorkProjects");
        }
    }
}
