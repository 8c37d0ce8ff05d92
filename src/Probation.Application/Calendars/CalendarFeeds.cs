using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Probation.Application.Access;
using Probation.Application.Audit;
using Probation.Application.Data;
using Probation.Domain.Audit;
using Probation.Domain.Calendars;
using Probation.Domain.Common;

namespace Probation.Application.Calendars;

/// <summary>Whether the user has a calendar feed address, and since when.</summary>
public sealed record CalendarFeedStatus(bool Active, DateTime? CreatedAtUtc);

/// <summary>A new feed address's secret: shown once, never stored.</summary>
public sealed record NewCalendarFeed(string Secret, DateTime CreatedAtUtc);

/// <summary>
/// A user's calendar feed address: made (which ends any earlier one), revoked, and found again from the secret in a
/// feed request. Only provider staff have one: their appointments and their provider's hubs are what a feed shows.
/// </summary>
public sealed class CalendarFeeds(ProbationDbContext db, IRequestContext request, AuditLog audit, TimeProvider clock)
{
    /// <summary>The secret's length: 32 random bytes in base64url.</summary>
    public const int SecretLength = 43;

    public async Task<CalendarFeedStatus> StatusAsync(CancellationToken ct)
    {
        var userName = request.Viewer.UserName;
        var created = await db.CalendarFeeds.AsNoTracking()
            .Where(f => f.UserName == userName && f.RevokedAtUtc == null)
            .Select(f => (DateTime?)f.CreatedAtUtc)
            .FirstOrDefaultAsync(ct);
        return new CalendarFeedStatus(created is not null, created);
    }

    /// <summary>Makes a new feed address for the signed-in user, ending any they had.</summary>
    public async Task<Outcome<NewCalendarFeed>> CreateAsync(CancellationToken ct)
    {
        var viewer = request.Viewer;
        if (viewer.StaffMemberId is null || viewer.ProviderId is null)
        {
            return new(Outcome.Refuse("Calendar feeds are for a provider's staff: their appointments and their provider's hubs"), null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in await db.CalendarFeeds.Where(f => f.UserName == viewer.UserName && f.RevokedAtUtc == null).ToListAsync(ct))
        {
            old.RevokedAtUtc = now;
        }

        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        db.CalendarFeeds.Add(new CalendarFeed { UserName = viewer.UserName, SecretHash = Hash(secret), CreatedAtUtc = now });
        audit.Add(AuditAction.Altered, "Calendar feed address made (any earlier one ended)", []);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two requests made an address at the same moment: one active address a user is all the index allows.
            return new(Outcome.Stale("Another calendar feed address was made at the same moment. Try again."), null);
        }

        return new(Outcome.Ok(), new NewCalendarFeed(secret, now));
    }

    /// <summary>Ends the signed-in user's feed address; false when they had none.</summary>
    public async Task<bool> RevokeAsync(CancellationToken ct)
    {
        var userName = request.Viewer.UserName;
        var active = await db.CalendarFeeds.Where(f => f.UserName == userName && f.RevokedAtUtc == null).ToListAsync(ct);
        if (active.Count == 0)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        active.ForEach(f => f.RevokedAtUtc = now);
        audit.Add(AuditAction.Altered, "Calendar feed address revoked", []);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The user whose active feed address holds <paramref name="secret"/>, or null.</summary>
    public async Task<string?> OwnerAsync(string? secret, CancellationToken ct)
    {
        if (secret is null || secret.Length != SecretLength || !Base64Url.IsValid(secret))
        {
            return null;
        }

        var hash = Hash(secret);
        return await db.CalendarFeeds.AsNoTracking()
            .Where(f => f.SecretHash == hash && f.RevokedAtUtc == null)
            .Select(f => f.UserName)
            .FirstOrDefaultAsync(ct);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
