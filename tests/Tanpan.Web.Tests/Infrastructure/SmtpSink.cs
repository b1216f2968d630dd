using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Tanpan.Web.Tests.Infrastructure;

/// <summary>A real SMTP server on 127.0.0.1 (Debian's python3-aiosmtpd) that stores what it receives in a Maildir.</summary>
public sealed class SmtpSink : IDisposable
{
    private readonly Process _process;
    private readonly string _maildir;

    public SmtpSink()
    {
        _maildir = Path.Combine(Path.GetTempPath(), $"tanpan-mail-{Guid.NewGuid():N}");
        foreach (var sub in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(_maildir, sub));
        }

        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-u", "-c", "aiosmtpd.handlers.Mailbox", "-l", $"127.0.0.1:{Port}", _maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start aiosmtpd: run ./test.sh, which installs python3-aiosmtpd");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"aiosmtpd did not start: {(_process.HasExited ? _process.StandardError.ReadToEnd() : "timeout")}");
            }
        }
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages()
    {
        var files = new[] { "new", "cur" }.Select(d => Path.Combine(_maildir, d)).Where(Directory.Exists).SelectMany(Directory.GetFiles);
        return files.Select(f => MimeMessage.Load(f)).ToArray();
    }

    /// <summary>Waits for a message to <paramref name="to"/> whose subject contains <paramref name="subjectPart"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, string subjectPart, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = Messages().FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (m.Subject ?? string.Empty).Contains(subjectPart, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no e-mail to {to} with '{subjectPart}'; have: {string.Join(" | ", Messages().Select(m => $"{m.To} {m.Subject}"))}");
            await Task.Delay(100);
        }
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        Directory.Delete(_maildir, recursive: true);
    }
}
