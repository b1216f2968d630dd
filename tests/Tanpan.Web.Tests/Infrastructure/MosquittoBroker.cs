using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Tanpan.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway mosquitto broker (Debian package <c>mosquitto</c>) on a free port of 127.0.0.1, with its config, the
/// dynamic-security file and the persistence file in a temp dir of its own; killed and deleted on dispose.
/// Anonymous clients are refused. With <c>dynamicSecurity</c> the dynsec plugin holds the accounts, starting with
/// the admin client <see cref="AdminUsername"/>/<see cref="AdminPassword"/> (<c>mosquitto_ctrl dynsec init</c>).
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string MosquittoPath = "/usr/sbin/mosquitto";
    public const string MosquittoCtrlPath = "/usr/bin/mosquitto_ctrl";
    public const string DynsecPluginPath = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly StringBuilder _log = new();
    private readonly string _configPath;
    private Process? _process;

    private MosquittoBroker(string directory, int port, bool dynamicSecurity)
    {
        Directory = directory;
        Port = port;
        DynamicSecurity = dynamicSecurity;
        _configPath = Path.Combine(directory, "mosquitto.conf");
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string AdminUsername => "admin";

    public string AdminPassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    public bool DynamicSecurity { get; }

    /// <summary>The temp dir with mosquitto.conf, dynsec.json and mosquitto.db.</summary>
    public string Directory { get; }

    /// <summary>What the broker has written to stderr/stdout so far (all log types).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<MosquittoBroker> StartAsync(bool dynamicSecurity = true, bool persistence = false)
    {
        if (!File.Exists(MosquittoPath) || (dynamicSecurity && (!File.Exists(DynsecPluginPath) || !File.Exists(MosquittoCtrlPath))))
        {
            throw new InvalidOperationException(
                $"mosquitto is not installed ({MosquittoPath}, {MosquittoCtrlPath}, {DynsecPluginPath}): install the Debian package 'mosquitto' (apt-get install mosquitto; test.sh does it).");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("tanpan-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, FreePort(), dynamicSecurity);
        try
        {
            var dynsecPath = Path.Combine(directory, "dynsec.json");
            if (dynamicSecurity)
            {
                await RunAsync(MosquittoCtrlPath, ["dynsec", "init", dynsecPath, broker.AdminUsername, broker.AdminPassword]);
            }

            var config = new StringBuilder()
                // Run as root (the test runner here), mosquitto would switch to the user 'mosquitto', which cannot
                // read the temp dir; "user root" keeps the current user. As non-root the setting is ignored.
                .AppendLine("user root")
                .AppendLine($"listener {broker.Port} {broker.Host}")
                .AppendLine("allow_anonymous false")
                .AppendLine("log_dest stderr")
                .AppendLine("log_type all")
                .AppendLine("log_timestamp_format %H:%M:%S");
            if (dynamicSecurity)
            {
                config.AppendLine($"plugin {DynsecPluginPath}").AppendLine($"plugin_opt_config_file {dynsecPath}");
            }
            if (persistence)
            {
                config.AppendLine("persistence true").AppendLine($"persistence_location {directory}/").AppendLine("autosave_interval 1");
            }
            else
            {
                config.AppendLine("persistence false");
            }
            await File.WriteAllTextAsync(broker._configPath, config.ToString());

            await broker.StartProcessAsync();
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the broker (SIGTERM, so it writes its persistence file) and starts it again on the same port and
    /// files.</summary>
    public async Task RestartAsync()
    {
        await StopProcessAsync(graceful: true);
        await StartProcessAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync(graceful: false);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(MosquittoPath)
        {
            ArgumentList = { "-c", _configPath },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"mosquitto exited with code {process.ExitCode} on start. Its log:\n{Log}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (watch.Elapsed < StartTimeout)
            {
                await Task.Delay(50);
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"mosquitto did not accept connections on {Host}:{Port} within {StartTimeout.TotalSeconds:0} s ({e.SocketErrorCode}). Its log:\n{Log}");
            }
        }
    }

    private async Task StopProcessAsync(bool graceful)
    {
        if (_process is not { } process)
        {
            return;
        }
        _process = null;
        try
        {
            if (!process.HasExited)
            {
                if (graceful)
                {
                    // SIGTERM: mosquitto saves its in-memory database and exits.
                    using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    await kill.WaitForExitAsync();
                    using var timeout = new CancellationTokenSource(StartTimeout);
                    try
                    {
                        await process.WaitForExitAsync(timeout.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        process.Kill();
                    }
                }
                else
                {
                    process.Kill();
                }
            }
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // It was never started or is gone already.
        }
        finally
        {
            process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
