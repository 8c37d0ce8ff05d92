using Microsoft.Extensions.DependencyInjection;

namespace Probation.Application.Programmes;

/// <summary>The accredited programme use cases, registered from one line in <see cref="DependencyInjection"/>.</summary>
public static class ProgrammeServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<ProgrammeAccess>();
        services.AddScoped<ProgrammeQueries>();
        services.AddScoped<ReferToProgramme>();
        services.AddScoped<ManageReferral>();
        services.AddScoped<ManageGroups>();
    }
}
