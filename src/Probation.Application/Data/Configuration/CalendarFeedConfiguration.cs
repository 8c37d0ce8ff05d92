using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probation.Domain.Calendars;

namespace Probation.Application.Data.Configuration;

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.ToTable("CalendarFeeds");
        b.Property(f => f.UserName).HasMaxLength(256);
        b.Property(f => f.SecretHash).HasMaxLength(CalendarFeed.SecretHashLength);

        // A feed request finds its address by the secret's hash; a user has one active address at most.
        b.HasIndex(f => f.SecretHash).IsUnique();
        b.HasIndex(f => f.UserName).IsUnique().HasFilter("\"RevokedAtUtc\" IS NULL");
    }
}
