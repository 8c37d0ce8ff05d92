using Microsoft.Extensions.DependencyInjection;

namespace Probation.Application.UnpaidWork;

/// <summary>The unpaid work use cases, registered from one line in the composition.</summary>
public static class UnpaidWorkServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<UnpaidWorkChange>();
        services.AddScoped<UnpaidWorkQueries>();
        services.AddScoped<RecordProject>();
        services.AddScoped<ScheduleSession>();
        services.AddScoped<BookPlacement>();
        services.AddScoped<RecordAttendance>();
        services.AddScoped<CorrectAttendance>();
        services.AddScoped<CancelBooking>();
        services.AddScoped<RecordUnpaidWorkAssessment>();
        services.AddScoped<RegisterAward>();
    }
}
