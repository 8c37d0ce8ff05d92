using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Probation.Application.Audit;
using Probation.Application.Cases;
using Probation.Application.Demo;
using Probation.Application.Organisation;

namespace Probation.Application;

public static class DependencyInjection
{
    /// <summary>Registers the use cases. Each is a small class the page and the API both call.</summary>
    public static IServiceCollection AddProbationUseCases(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        AuditWriter.Register(services);
        services.TryAddSingleton(AuditSealOptions.Default);
        AuditSealer.Register(services);
        services.AddScoped<SearchAuditLog>();
        services.AddScoped<Identity.DisableAccount>();
        services.AddScoped<RecordExport>();
        services.AddScoped<SearchCases>();
        services.AddScoped<GetCaseOverview>();
        services.AddScoped<UpdateRiskProfile>();
        services.AddScoped<OrganisationQueries>();
        services.AddScoped<Calendars.CalendarFeeds>();
        services.AddScoped<Calendars.CalendarQueries>();
        services.AddScoped<Documents.LetterQueries>();
        services.AddScoped<Documents.SubjectAccessExport>();
        services.AddScoped<Allocation.AllocationQueries>();
        services.AddScoped<Allocation.AllocateCase>();
        services.AddScoped<CreateCase>();
        services.AddScoped<Imports.ImportCases>();
        services.AddScoped<Imports.CaseImportQueries>();
        services.AddSingleton<Imports.CaseImportRunner>();
        services.AddScoped<RecordRegistration>();
        services.TryAddSingleton(new Domain.Supervision.SafetyNet(new Domain.Supervision.SafetyNetOptions(), Domain.Common.WorkingDayCalendar.EnglandAndWales));
        services.AddScoped<Supervision.CaseChange>();
        services.AddScoped<Supervision.SupervisionQueries>();
        services.AddScoped<Supervision.CaseStatuses>();
        services.TryAddSingleton(Supervision.CaseStatusRefreshOptions.Default);
        services.AddSingleton<Common.StartUpWork>();
        services.TryAddSingleton(Common.JobRunOptions.Default);
        services.AddSingleton<Common.JobRuns>();
        services.AddSingleton<Supervision.CaseStatusRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<Supervision.CaseStatusRefresher>());
        services.AddScoped<Supervision.RecordAssessment>();
        services.AddScoped<Supervision.RecordAgencyCheck>();
        services.AddScoped<Supervision.WritePlan>();
        services.AddScoped<Supervision.RecordContact>();
        services.AddScoped<Supervision.RecordEnforcement>();
        services.AddScoped<Supervision.RecordSignificantEvent>();
        services.AddScoped<Supervision.RecordReview>();
        services.AddScoped<Supervision.RecordReferral>();
        services.AddScoped<Supervision.RecordAlertException>();
        services.AddScoped<Oversight.OversightQueries>();
        services.AddScoped<Oversight.RecordOversight>();
        services.AddScoped<Quality.CaseAudits>();
        services.AddScoped<Quality.QualityQueries>();
        services.AddScoped<Oversight.StaffSupervision>();
        services.AddScoped<Reports.ReportQueries>();
        services.AddScoped<Reports.ReportAggregates>();
        services.AddScoped<Reports.OversightAggregates>();
        services.TryAddSingleton(sp => new Domain.Oversight.TimelinessMeasures(
            sp.GetRequiredService<Domain.Supervision.SafetyNet>(), sp.GetRequiredService<Domain.Resettlement.ResettlementAlerts>()));
        services.TryAddSingleton(sp => new Domain.Inspection.ReadinessIndicators(
            sp.GetRequiredService<Domain.Supervision.SafetyNet>(), sp.GetRequiredService<Domain.Resettlement.ResettlementAlerts>()));
        services.AddScoped<Reports.TimelinessQueries>();
        services.AddScoped<Reports.ReadinessQueries>();

        // Case audits answer here when they are recorded; until then every key question has "No audit yet".
        services.TryAddScoped<Reports.IQualityAuditResults, Quality.AuditedKeyQuestions>();
        Programmes.ProgrammeServices.Add(services);
        Resettlement.ResettlementServices.Add(services);
        UnpaidWork.UnpaidWorkServices.Add(services);
        Inspections.InspectionServices.Add(services);
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DatabaseInitialiser>();
        return services;
    }
}
