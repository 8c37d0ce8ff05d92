using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probation.Application.Identity;
using Probation.Testing;

namespace Probation.Web.Tests;

/// <summary>The app as a production service starts it: no demo data, no demo accounts, no developer pages.</summary>
public sealed class ProductionFactory : ProbationAppFactory
{
    protected override string Environment => "Production";

    protected override bool SeedDemo => false;

    protected override int? PasswordHashRounds => null;
}

public sealed class ProductionTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task Production_HasNoDemoDataOrAccounts_ButHasEveryRole()
    {
        Assert.Equal(0, await app.WithDbAsync(db => db.People.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName != "operator")));
        Assert.Equal(Roles.All.Order(), (await app.WithDbAsync(db => db.Roles.Select(r => r.Name!).ToListAsync())).Order());
        var client = app.AnonymousClient();
        var signIn = await ProbationAppFactory.PostSignInAsync(client, "po", TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("The username or password is not right", await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    /// <summary>
    /// Passwords are kept as PBKDF2 hashes of at least 100,000 rounds (the tests' own accounts take fewer, so that
    /// signing in is not what the tests spend their time on): the stored hash says which it took.
    /// </summary>
    [Fact]
    public async Task Passwords_AreStoredAsHashesOfAtLeastAHundredThousandRounds()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "hash-check", DisplayName = "Hash check" };
        Assert.True((await users.CreateAsync(user, TestUsers.Password)).Succeeded);
        var stored = Convert.FromBase64String((await users.FindByNameAsync("hash-check"))!.PasswordHash!);

        // Identity's format 3: a marker byte, then the hash function, the rounds and the salt's length, each big-endian.
        Assert.Equal(0x01, stored[0]);
        var rounds = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(5, 4));
        Assert.True(rounds >= 100_000, $"{rounds} rounds");
        Assert.True(await users.CheckPasswordAsync(user, TestUsers.Password));
        Assert.True((await users.DeleteAsync(user)).Succeeded);
    }

    [Fact]
    public async Task Readiness_WaitsForTheStartUpWork_LivenessDoesNot()
    {
        var work = app.Services.GetRequiredService<Probation.Application.Common.StartUpWork>();
        var client = app.AnonymousClient();
        work.Begin("test work");
        try
        {
            var notReady = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
        finally
        {
            work.Done("test work");
        }

        // The kept case statuses are computed at start-up; once that is done the node is ready.
        for (var i = 0; i < 600 && work.Pending.Count > 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Empty(work.Pending);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Production_ShowsNoDeveloperErrorPage()
    {
        var anonymous = await app.AnonymousClient().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            if (await users.FindByNameAsync("operator") is null)
            {
                var user = new ApplicationUser { UserName = "operator", DisplayName = "Operator" };
                Assert.True((await users.CreateAsync(user, TestUsers.Password)).Succeeded);
                await users.AddToRoleAsync(user, Roles.SystemAdministrator);
            }
        }

        var client = await app.SignInAsync("operator");
        var response = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", body);
        Assert.DoesNotContain("Exception", body);
    }
}
