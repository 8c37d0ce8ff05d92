using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Probation.Web.Infrastructure;

/// <summary>
/// The load balancers or reverse proxies in front of the nodes (<c>Proxy:KnownProxies</c>, addresses, and
/// <c>Proxy:KnownNetworks</c>, CIDR ranges). From them, and only from them, the app takes the client's address
/// (<c>X-Forwarded-For</c>: the sign-in rate limit counts by it) and the scheme (<c>X-Forwarded-Proto</c>: cookies are
/// marked Secure when the client's connection is HTTPS). With neither set the headers are ignored, so a client cannot
/// claim another address by sending them.
/// </summary>
public sealed class ForwardedProxies
{
    private ForwardedProxies(List<IPAddress> proxies, List<System.Net.IPNetwork> networks) => (Proxies, Networks) = (proxies, networks);

    public IReadOnlyList<IPAddress> Proxies { get; }

    public IReadOnlyList<System.Net.IPNetwork> Networks { get; }

    /// <summary>The proxies from the settings, or null when none is named; a value that is not an address or range stops start-up.</summary>
    public static ForwardedProxies? FromConfiguration(IConfiguration config)
    {
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        var errors = new List<string>();
        foreach (var text in config.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [])
        {
            if (IPAddress.TryParse(text, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                errors.Add($"'{text}' in Proxy:KnownProxies is not an IP address.");
            }
        }

        foreach (var text in config.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [])
        {
            if (System.Net.IPNetwork.TryParse(text, out var network))
            {
                networks.Add(network);
            }
            else
            {
                errors.Add($"'{text}' in Proxy:KnownNetworks is not a CIDR range such as 10.0.0.0/8.");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The proxy settings are not valid: " + string.Join(" ", errors));
        }

        return proxies.Count + networks.Count > 0 ? new ForwardedProxies(proxies, networks) : null;
    }

    public void Configure(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

        // Only the named proxies; the defaults (loopback) are cleared so that the settings say exactly whom to trust.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Proxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in Networks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }
}
