using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Probation.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Inspection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Inspections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FrameworkVersion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FieldworkFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FieldworkTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LeadInspectorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Inspections_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Inspections_Staff_LeadInspectorId",
                        column: x => x.LeadInspectorId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseAssessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FrameworkVersion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: true),
                    AssessorStaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficerStaffId = table.Column<int>(type: "INTEGER", nullable: true),
                    ModeratesId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OfficerInterviewed = table.Column<bool>(type: "INTEGER", nullable: false),
                    InterviewNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Strengths = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AreasForImprovement = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAssessments_CaseAssessments_ModeratesId",
                        column: x => x.ModeratesId,
                        principalTable: "CaseAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseAssessments_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseAssessments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseAssessments_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseAssessments_Staff_AssessorStaffId",
                        column: x => x.AssessorStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseAssessments_Staff_OfficerStaffId",
                        column: x => x.OfficerStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DomainOneRatings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StandardId = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Rating = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DomainOneRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DomainOneRatings_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InspectionMeetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    With = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionMeetings_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InspectionSamples",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EligibleFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EligibleTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    Margin = table.Column<double>(type: "REAL", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    Population = table.Column<int>(type: "INTEGER", nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionSamples_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InspectionTeamMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionTeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionTeamMembers_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InspectionTeamMembers_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InterviewQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StandardId = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Asked = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredYes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterviewQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InterviewQuestions_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Recommendations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recommendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recommendations_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StandardDiscretions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StandardId = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Rating = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardDiscretions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StandardDiscretions_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseAssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentParticipants_CaseAssessments_CaseAssessmentId",
                        column: x => x.CaseAssessmentId,
                        principalTable: "CaseAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssessmentParticipants_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AuditFeedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseAssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficerStaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SetOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AcknowledgedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditFeedback_CaseAssessments_CaseAssessmentId",
                        column: x => x.CaseAssessmentId,
                        principalTable: "CaseAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AuditFeedback_Staff_OfficerStaffId",
                        column: x => x.OfficerStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyQuestionJudgements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseAssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyQuestionId = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Judgement = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyQuestionJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyQuestionJudgements_CaseAssessments_CaseAssessmentId",
                        column: x => x.CaseAssessmentId,
                        principalTable: "CaseAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PromptAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseAssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    PromptId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromptAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PromptAnswers_CaseAssessments_CaseAssessmentId",
                        column: x => x.CaseAssessmentId,
                        principalTable: "CaseAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SampledCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionSampleId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stratum = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SampledCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SampledCases_InspectionSamples_InspectionSampleId",
                        column: x => x.InspectionSampleId,
                        principalTable: "InspectionSamples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SampledCases_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SampleStrata",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionSampleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Population = table.Column<int>(type: "INTEGER", nullable: false),
                    Sample = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SampleStrata", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SampleStrata_InspectionSamples_InspectionSampleId",
                        column: x => x.InspectionSampleId,
                        principalTable: "InspectionSamples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentParticipants_CaseAssessmentId_StaffMemberId",
                table: "AssessmentParticipants",
                columns: new[] { "CaseAssessmentId", "StaffMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentParticipants_StaffMemberId",
                table: "AssessmentParticipants",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditFeedback_CaseAssessmentId",
                table: "AuditFeedback",
                column: "CaseAssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditFeedback_OfficerStaffId_AcknowledgedOn",
                table: "AuditFeedback",
                columns: new[] { "OfficerStaffId", "AcknowledgedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssessments_AssessorStaffId",
                table: "CaseAssessments",
                column: "AssessorStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssessments_InspectionId",
                table: "CaseAssessments",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssessments_ModeratesId",
                table: "CaseAssessments",
                column: "ModeratesId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssessments_OfficerStaffId",
                table: "CaseAssessments",
                column: "OfficerStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssessments_PersonId_StartedOn",
                table: "CaseAssessments",
                columns: new[] { "PersonId", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssessments_ProviderId_Kind_StartedOn",
                table: "CaseAssessments",
                columns: new[] { "ProviderId", "Kind", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DomainOneRatings_InspectionId_StandardId",
                table: "DomainOneRatings",
                columns: new[] { "InspectionId", "StandardId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionMeetings_InspectionId",
                table: "InspectionMeetings",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_LeadInspectorId",
                table: "Inspections",
                column: "LeadInspectorId");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_ProviderId_FieldworkFrom",
                table: "Inspections",
                columns: new[] { "ProviderId", "FieldworkFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionSamples_InspectionId_Kind",
                table: "InspectionSamples",
                columns: new[] { "InspectionId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTeamMembers_InspectionId_StaffMemberId",
                table: "InspectionTeamMembers",
                columns: new[] { "InspectionId", "StaffMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTeamMembers_StaffMemberId",
                table: "InspectionTeamMembers",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_InterviewQuestions_InspectionId",
                table: "InterviewQuestions",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyQuestionJudgements_CaseAssessmentId_KeyQuestionId",
                table: "KeyQuestionJudgements",
                columns: new[] { "CaseAssessmentId", "KeyQuestionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PromptAnswers_CaseAssessmentId_PromptId",
                table: "PromptAnswers",
                columns: new[] { "CaseAssessmentId", "PromptId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_InspectionId_Number",
                table: "Recommendations",
                columns: new[] { "InspectionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SampledCases_InspectionSampleId_PersonId",
                table: "SampledCases",
                columns: new[] { "InspectionSampleId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SampledCases_PersonId",
                table: "SampledCases",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SampleStrata_InspectionSampleId",
                table: "SampleStrata",
                column: "InspectionSampleId");

            migrationBuilder.CreateIndex(
                name: "IX_StandardDiscretions_InspectionId_StandardId",
                table: "StandardDiscretions",
                columns: new[] { "InspectionId", "StandardId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentParticipants");

            migrationBuilder.DropTable(
                name: "AuditFeedback");

            migrationBuilder.DropTable(
                name: "DomainOneRatings");

            migrationBuilder.DropTable(
                name: "InspectionMeetings");

            migrationBuilder.DropTable(
                name: "InspectionTeamMembers");

            migrationBuilder.DropTable(
                name: "InterviewQuestions");

            migrationBuilder.DropTable(
                name: "KeyQuestionJudgements");

            migrationBuilder.DropTable(
                name: "PromptAnswers");

            migrationBuilder.DropTable(
                name: "Recommendations");

            migrationBuilder.DropTable(
                name: "SampledCases");

            migrationBuilder.DropTable(
                name: "SampleStrata");

            migrationBuilder.DropTable(
                name: "StandardDiscretions");

            migrationBuilder.DropTable(
                name: "CaseAssessments");

            migrationBuilder.DropTable(
                name: "InspectionSamples");

            migrationBuilder.DropTable(
                name: "Inspections");
        }
    }
}
