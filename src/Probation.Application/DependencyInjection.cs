using Microsoft.Extensions.DependencyInjection;
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
        services.AddScoped<SearchAuditLog>();
        services.AddScoped<SearchCases>();
        services.AddScoped<GetCaseOverview>();
        services.AddScoped<UpdateRiskProfile>();
        services.AddScoped<OrganisationQueries>();
        services.AddScoped<Allocation.AllocationQueries>();
        services.AddScoped<Allocation.AllocateCase>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DatabaseInitialiser>();
        return services;
    }
}
