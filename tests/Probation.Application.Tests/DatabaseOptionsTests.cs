using Microsoft.Extensions.Configuration;
using Probation.Application.Data;

namespace Probation.Application.Tests;

public sealed class DatabaseOptionsTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void NothingSet_IsSqliteWithTheDefaultFile()
    {
        var options = DatabaseOptions.FromConfiguration(Config());
        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal(DatabaseOptions.DefaultSqlite, options.ConnectionString);
    }

    [Theory]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    public void Provider_IsReadWhateverItsCase(string text, DatabaseProvider expected) =>
        Assert.Equal(expected, DatabaseOptions.FromConfiguration(Config(("Database:Provider", text), ("ConnectionStrings:Probation", "Host=x"))).Provider);

    [Theory]
    [InlineData("Oracle")]
    [InlineData("7")]
    public void UnknownProvider_StopsStartUpWithAClearMessage(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.FromConfiguration(Config(("Database:Provider", text))));
        Assert.Contains("must be Sqlite or Postgres", error.Message);
    }

    [Fact]
    public void Postgres_WithoutAConnectionString_StopsStartUpWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.FromConfiguration(Config(("Database:Provider", "Postgres"))));
        Assert.Contains("ConnectionStrings:Probation", error.Message);
    }
}
