using System.Net;
using System.Net.Sockets;

namespace Tanpan.Web.Platform.Security;

/// <summary>The caller's address as rate limits and the sign-in throttle count it. Behind a reverse proxy this is the
/// proxy unless forwarded headers are configured (README).</summary>
public static class ClientAddress
{
    public static string Key(HttpContext context) => Key(context.Connection.RemoteIpAddress);

    /// <summary>An IPv4 address as is; an IPv6 address by its /64, since one subscriber is usually handed a whole /64
    /// and could otherwise take a fresh address for every attempt.</summary>
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "none";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
