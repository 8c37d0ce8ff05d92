using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Probation.Application.Data;

namespace Probation.Data.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without a running app or database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ProbationDbContext>
{
    public ProbationDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ProbationDbContext>();
        new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design-time.db").Apply(builder);
        return new ProbationDbContext(builder.Options);
    }
}
