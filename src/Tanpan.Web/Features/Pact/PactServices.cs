using System.Net;
using System.Net.Sockets;

namespace Tanpan.Web.Features.Pact;

public static class PactServices
{
    public static IServiceCollection AddPact(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PactEvents>().AddScoped<PublishFootprint>().AddScoped<SupplierExchange>();
        services.AddSingleton<PactSender>().AddHostedService(sp => sp.GetRequiredService<PactSender>());
        var allowPrivate = configuration.GetValue("Pact:AllowPrivateNetworks", false);
        services.AddHttpClient<PactRemote>(PactRemote.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // The address is checked where the connection is made, so a name that resolves differently on the
                // second lookup (DNS rebinding) cannot reach a private address either.
                ConnectCallback = async (context, ct) =>
                {
                    var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
                    var allowed = allowPrivate ? addresses : addresses.Where(a => !PactRemote.IsPrivate(a)).ToArray();
                    if (allowed.Length == 0)
                    {
                        throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to a private, loopback or link-local address; PACT hosts must be public.");
                    }

                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
                // A test bench's supplier serves a self-signed certificate on loopback; nowhere else is one accepted.
                SslOptions = allowPrivate ? new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => errors == System.Net.Security.SslPolicyErrors.None || certificate is not null } : new(),
            });
        return services;
    }
}
