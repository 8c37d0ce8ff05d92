using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Probation.Application.Data;

namespace Probation.Data.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a running server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ProbationDbContext>
{
    public ProbationDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ProbationDbContext>();
        new DatabaseOptions(DatabaseProvider.Postgres, "Host=localhost;Database=probation_design").Apply(builder);
        return new ProbationDbContext(builder.Options);
    }
}
