using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Probation.Web.Tests.Security;

/// <summary>A person the organisation's identity provider knows: the claims it vouches for when they sign in there.</summary>
public sealed record ProviderPerson(string Subject, string? Email, IReadOnlyList<string> Groups);

/// <summary>
/// A real OpenID Connect provider for the tests: OpenIddict's server on Kestrel, HTTPS on a loopback port with a
/// certificate made for the run, serving its discovery document, signing keys (JWKS), authorisation endpoint and token
/// endpoint. It runs the authorisation code flow with PKCE for one confidential client and checks the client's secret
/// and redirect address, as an organisation's provider would. How a person proves who they are at the provider is not
/// the app's business, so the test names them in a header (<see cref="PersonHeader"/>); a request naming nobody is
/// answered <c>access_denied</c>, as when someone cancels.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "probation-web";
    public const string ClientSecret = "a-client-secret-for-the-tests-only";
    public const string PersonHeader = "X-Test-Person";

    private readonly WebApplication _host;

    private TestIdentityProvider(WebApplication host, X509Certificate2 certificate, Uri authority, ConcurrentDictionary<string, ProviderPerson> people)
    {
        _host = host;
        People = people;
        Certificate = certificate;
        Authority = authority;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The issuer, <c>https://127.0.0.1:port/</c>.</summary>
    public Uri Authority { get; }

    /// <summary>The only redirect address the client may use: the app as the tests' clients address it.</summary>
    public static readonly Uri RedirectUri = new("https://localhost/signin-oidc");

    /// <summary>The people the provider knows, by subject.</summary>
    public ConcurrentDictionary<string, ProviderPerson> People { get; }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var certificate = LoopbackCertificate();
        var people = new ConcurrentDictionary<string, ProviderPerson>(StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();

            // No database: the client is checked here and codes are self-contained, encrypted tokens.
            o.EnableDegradedMode();
            o.UseAspNetCore();
            o.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                if (ctx.ClientId != ClientId)
                {
                    ctx.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (ctx.RedirectUri != RedirectUri.AbsoluteUri)
                {
                    ctx.Reject(Errors.InvalidRequest, "That redirect address is not registered.");
                }

                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                if (ctx.ClientId != ClientId || ctx.ClientSecret != ClientSecret)
                {
                    ctx.Reject(Errors.InvalidClient, "The client id or secret is not right.");
                }

                return default;
            }));
            o.AddEventHandler<HandleAuthorizationRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                var who = ctx.Transaction.GetHttpRequest()!.Headers[PersonHeader].ToString();
                if (!people.TryGetValue(who, out var person))
                {
                    ctx.Reject(Errors.AccessDenied, "The person did not sign in.");
                    return default;
                }

                var identity = new ClaimsIdentity("test-provider", Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, person.Subject);
                if (person.Email is not null)
                {
                    identity.SetClaim(Claims.Email, person.Email);
                }

                identity.SetClaims("groups", [.. person.Groups]);
                identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
                var principal = new ClaimsPrincipal(identity);
                principal.SetScopes(ctx.Request.GetScopes());
                ctx.SignIn(principal);
                return default;
            }));
        });

        var host = builder.Build();
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestIdentityProvider(host, certificate, new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/"), people);
    }

    /// <summary>A handler that trusts this provider's certificate and nothing else, for the app's back channel and the test's "browser".</summary>
    public HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == Certificate.GetCertHashString() },
    };

    /// <summary>The browser's side of the provider: its own connection, no cookies, redirects followed by the test.</summary>
    public HttpClient Browser() => new(TrustingHandler()) { BaseAddress = Authority };

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        Certificate.Dispose();
    }

    private static X509Certificate2 LoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }
}
