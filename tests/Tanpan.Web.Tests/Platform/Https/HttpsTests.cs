using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Host;

namespace Tanpan.Web.Tests.Platform.Https;

/// <summary>The app on a real Kestrel HTTPS port on 127.0.0.1 with a configured certificate: it answers over TLS
/// with that certificate, and a plain-HTTP request on the same port gets no HTTP answer.</summary>
public sealed class HttpsTests : IAsyncLifetime, IDisposable
{
    private static readonly string Pfx = Path.Combine(Path.GetTempPath(), $"tanpan-test-{Guid.NewGuid():N}.pfx");
    private readonly HttpsApp _app = new(Pfx);
    private X509Certificate2 _certificate = null!;
    private Uri _address = null!;

    public Task InitializeAsync()
    {
        _certificate = HttpsCertificate.SelfSigned(DateTimeOffset.UtcNow);
        File.WriteAllBytes(Pfx, _certificate.Export(X509ContentType.Pkcs12, "test-password"));
        _app.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps()));
        _app.StartServer();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        File.Delete(Pfx);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _app.Dispose();
        _certificate?.Dispose();
    }

    [Fact]
    public async Task TheApp_AnswersOverTls_WithTheConfiguredCertificate()
    {
        string? served = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                served = cert?.Thumbprint;
                return cert?.Thumbprint == _certificate.Thumbprint;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = _address };

        var home = await client.GetAsync("/");

        Assert.Equal("https", _address.Scheme);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(_certificate.Thumbprint, served);
    }

    [Fact]
    public async Task PlainHttp_OnTheHttpsPort_IsNotAnswered()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
        var buffer = new byte[4096];
        var read = 0;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            int n;
            while ((n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token)) > 0)
            {
                read += n;
            }
        }
        catch (IOException)
        {
            // The server reset the connection: no answer, which is the point.
        }

        Assert.DoesNotContain("HTTP/1.1", System.Text.Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);

        // And a TLS client that does not trust the self-signed certificate refuses it.
        using var strict = new HttpClient { BaseAddress = _address };
        await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync("/"));
    }

    [Fact]
    public void WithoutAConfiguredCertificate_OneIsGeneratedForLoopback_AndReused()
    {
        var directory = Directory.CreateTempSubdirectory("tanpan-https-").FullName;
        try
        {
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
            using var first = HttpsCertificate.Load(configuration, directory, TimeProvider.System);
            using var second = HttpsCertificate.Load(configuration, directory, TimeProvider.System);

            Assert.Equal(first.Thumbprint, second.Thumbprint);
            Assert.True(first.HasPrivateKey);
            var names = first.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
            Assert.Contains("localhost", names.EnumerateDnsNames());
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, HttpsCertificate.SelfSignedFile)));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class HttpsApp(string pfx) : TanpanApp(Provider.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Https:Certificate:Path", pfx);
            builder.UseSetting("Https:Certificate:Password", "test-password");
        }
    }
}
