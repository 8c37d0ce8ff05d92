using Probation.Application.Access;

namespace Probation.Testing;

/// <summary>A request as a use case sees it, with the viewer a test chooses.</summary>
public sealed class TestRequestContext(Viewer viewer, string where = "TEST /use-case") : IRequestContext
{
    public Viewer Viewer { get; } = viewer;
    public string Where { get; } = where;
    public string? RequestId { get; } = Guid.NewGuid().ToString("N");

    public static Viewer StaffViewer(int staffId, int providerId, int? teamId, params string[] roles) =>
        new($"staff{staffId}", staffId, providerId, teamId, roles.ToHashSet());
}
