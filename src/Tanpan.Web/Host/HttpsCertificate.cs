using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tanpan.Web.Host;

/// <summary>The certificate Kestrel serves HTTPS with: the configured one (<c>Https:Certificate:Path</c> a PFX, with
/// <c>Https:Certificate:Password</c>), else a self-signed one for local use (localhost, 127.0.0.1, ::1) generated on
/// first start and reused until a month before it expires, kept beside the SQLite file.</summary>
public static class HttpsCertificate
{
    public const string SelfSignedFile = "tanpan-https-selfsigned.pfx";

    public static X509Certificate2 Load(IConfiguration configuration, string contentRoot, TimeProvider clock)
    {
        if (configuration["Https:Certificate:Path"] is { Length: > 0 } path)
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, configuration["Https:Certificate:Password"]);
        }

        var file = Path.Combine(contentRoot, SelfSignedFile);
        var now = clock.GetUtcNow();
        if (File.Exists(file))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(file, null);
            if (existing.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(30) && existing.HasPrivateKey)
            {
                return existing;
            }

            existing.Dispose();
        }

        var created = SelfSigned(now);
        File.WriteAllBytes(file, created.Export(X509ContentType.Pkcs12));
        if (!OperatingSystem.IsWindows())
        {
            // The private key is for this machine's app only.
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>RSA 2048, SHA-256, a year's validity, server authentication for the loopback names.</summary>
    public static X509Certificate2 SelfSigned(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Tanpan local", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
    }
}
