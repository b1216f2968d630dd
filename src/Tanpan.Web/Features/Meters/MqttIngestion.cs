using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Meters;

/// <summary>"Mqtt" settings: the broker and the app's own user; the admin user manages the companies' accounts.</summary>
public sealed class MqttOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 1883;

    public bool UseTls { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Stable per node, so the broker keeps the node's session (and its unacknowledged messages) over a restart.</summary>
    public string? ClientId { get; set; }

    public string? AdminUsername { get; set; }

    public string? AdminPassword { get; set; }

    /// <summary>Messages in flight to this node before the broker waits for acknowledgements.</summary>
    public int ReceiveMaximum { get; set; } = 500;
}

/// <summary>Meter readings from the broker: a shared subscription (<c>$share/tanpan/…</c>) so several app nodes split
/// the stream, QoS 1 with a persistent session, and an acknowledgement sent only after the readings (or the
/// quarantined payload) are committed — so a message acknowledged is stored, and one that is not is delivered
/// again after a crash. Messages are written in groups (one transaction for many payloads), which is what makes
/// hundreds of thousands of readings a second possible.</summary>
public sealed partial class MqttIngestion(IServiceScopeFactory scopes, MeterIngestion ingestion, IOptions<MqttOptions> options, ILogger<MqttIngestion> logger, IServiceProvider services) : BackgroundService
{
    public const string TopicPrefix = "tanpan/";
    private const int MaxGroupMessages = 200;
    private const int MaxGroupReadings = 100_000;
    private const int MaxWritesInFlight = 2;
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> inbox = Channel.CreateUnbounded<MqttApplicationMessageReceivedEventArgs>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, Guid?> companies = new(StringComparer.Ordinal);
    private long stored;

    /// <summary>Messages written and acknowledged since start (for the benchmark and the health page).</summary>
    public long Acknowledged => Interlocked.Read(ref stored);

    public bool Connected { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            return;
        }

        var consumer = ConsumeAsync(stoppingToken);
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            // Acknowledged by the consumer after the write commits; the handler only hands the message over.
            e.AutoAcknowledge = false;
            return inbox.Writer.WriteAsync(e, stoppingToken).AsTask();
        };
        client.DisconnectedAsync += _ =>
        {
            Connected = false;
            return Task.CompletedTask;
        };

        var builder = new MqttClientOptionsBuilder().WithTcpServer(o.Host, o.Port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(o.ClientId ?? $"tanpan-{Environment.MachineName}").WithCleanStart(false).WithSessionExpiryInterval(24 * 3600)
            .WithReceiveMaximum((ushort)Math.Clamp(o.ReceiveMaximum, 1, 65535)).WithKeepAlivePeriod(TimeSpan.FromSeconds(30));
        if (!string.IsNullOrEmpty(o.Username))
        {
            builder = builder.WithCredentials(o.Username, o.Password);
        }

        if (o.UseTls)
        {
            builder = builder.WithTlsOptions(t => t.UseTls());
        }

        var clientOptions = builder.Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                try
                {
                    var connected = await client.ConnectAsync(clientOptions, stoppingToken);
                    if (connected.ResultCode == MqttClientConnectResultCode.NotAuthorized && !string.IsNullOrEmpty(o.Username) && services.GetService<BrokerAccounts>() is { } accounts)
                    {
                        // The app's user is created only when it cannot sign in: setting the password of a user that
                        // exists would make the broker drop every other node's connection.
                        await accounts.EnsureAppUserAsync(o.Username, o.Password ?? string.Empty, stoppingToken);
                        connected = await client.ConnectAsync(clientOptions, stoppingToken);
                    }

                    if (connected.ResultCode != MqttClientConnectResultCode.Success)
                    {
                        LogRefused(connected.ResultCode.ToString());
                    }
                    else
                    {
                        var sub = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(BrokerAccounts.SharedSubscription, MqttQualityOfServiceLevel.AtLeastOnce).Build(), stoppingToken);
                        Connected = sub.Items.All(i => i.ResultCode == MqttClientSubscribeResultCode.GrantedQoS1);
                        if (!Connected)
                        {
                            LogRefused("subscription " + string.Join(",", sub.Items.Select(i => i.ResultCode)));
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (logger.IsEnabled(LogLevel.Warning))
                    {
                        logger.LogWarning(e, "MQTT broker {Host}:{Port} not reachable; retrying", o.Host, o.Port);
                    }
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        inbox.Writer.TryComplete();
        try
        {
            await consumer;
        }
        catch (OperationCanceledException)
        {
        }

        if (client.IsConnected)
        {
            // Unacknowledged messages stay with the broker's session for this client id, and come again after a restart.
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        }
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        // Up to MaxWritesInFlight groups are written at once, each in its own scope, connection and transaction: one
        // group is parsed while the one before is copied, so a second core is not left idle. Each group is still
        // acknowledged only after its own commit, and groups are acknowledged in the order they were taken.
        var inFlight = new Queue<(List<MqttApplicationMessageReceivedEventArgs> Group, Task Write)>();
        Task<bool>? waitRead = null;
        while (true)
        {
            waitRead ??= inbox.Reader.WaitToReadAsync(ct).AsTask();
            if (inFlight.Count > 0 && (inFlight.Count >= MaxWritesInFlight || !waitRead.IsCompleted))
            {
                // The oldest group is acknowledged once committed; meanwhile a new message may start another write.
                var head = inFlight.Peek().Write;
                await (inFlight.Count >= MaxWritesInFlight ? head : Task.WhenAny(head, waitRead));
                if (head.IsCompleted)
                {
                    var (done, write) = inFlight.Dequeue();
                    await write;
                    await AcknowledgeAsync(done, ct);
                }

                continue;
            }

            if (!await waitRead)
            {
                break;
            }

            waitRead = null;
            var group = new List<MqttApplicationMessageReceivedEventArgs>(MaxGroupMessages);
            long bytes = 0;
            while (group.Count < MaxGroupMessages && bytes < MaxGroupReadings * 50 && inbox.Reader.TryRead(out var e))
            {
                group.Add(e);
                bytes += e.ApplicationMessage.Payload.Length;
            }

            // A database that is away holds the group (unacknowledged) until it is back; nothing is dropped.
            inFlight.Enqueue((group, Task.Run(() => RetryAsync(() => WriteAsync(group, ct), "store meter readings", ct), CancellationToken.None)));
        }

        while (inFlight.Count > 0)
        {
            var (done, write) = inFlight.Dequeue();
            await write;
            await AcknowledgeAsync(done, ct);
        }
    }

    private async Task AcknowledgeAsync(List<MqttApplicationMessageReceivedEventArgs> group, CancellationToken ct)
    {
        foreach (var e in group)
        {
            try
            {
                await e.AcknowledgeAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The connection it came on is gone; the broker sends it again on the next one, and storing it
                // again changes nothing (readings are idempotent on meter and time).
                LogAckFailed(ex.Message);
            }
        }

        Interlocked.Add(ref stored, group.Count);
    }

    private async Task WriteAsync(List<MqttApplicationMessageReceivedEventArgs> group, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var payloads = new List<IncomingPayload>(group.Count);
        foreach (var e in group)
        {
            if (!TryParseTopic(e.ApplicationMessage.Topic, out var key, out var code))
            {
                LogUnroutable(e.ApplicationMessage.Topic);
                continue;
            }

            var companyId = await CompanyAsync(db, key, ct);
            if (companyId is null)
            {
                // The broker's ACLs let only a company's own user publish under its key, so this is a key that was
                // removed: logged, not stored (there is no company to keep it for).
                LogUnroutable(e.ApplicationMessage.Topic);
                continue;
            }

            payloads.Add(new IncomingPayload(companyId.Value, code, IngestChannel.Mqtt, "mqtt:" + key, e.ApplicationMessage.Payload.ToArray(), IsCsv: false));
        }

        await ingestion.IngestAsync(db, payloads, quarantine: true, ct);
    }

    private async Task<Guid?> CompanyAsync(TanpanDb db, string key, CancellationToken ct)
    {
        if (companies.TryGetValue(key, out var known) && known is not null)
        {
            return known;
        }

        // The one cross-tenant read of the consumer: the topic's key names the company.
        var id = await db.MeterBrokerAccounts.IgnoreQueryFilters().Where(a => a.Key == key && a.DisabledAtUtc == null).Select(a => (Guid?)a.CompanyId).FirstOrDefaultAsync(ct);
        if (id is not null)
        {
            companies[key] = id;
        }

        return id;
    }

    /// <summary><c>tanpan/{companyKey}/meters/{meterId}/readings</c>.</summary>
    public static bool TryParseTopic(string topic, out string companyKey, out string meterCode)
    {
        companyKey = meterCode = string.Empty;
        var parts = topic.Split('/');
        if (parts is not ["tanpan", { Length: > 0 } key, "meters", { Length: > 0 } code, "readings"])
        {
            return false;
        }

        (companyKey, meterCode) = (key, code);
        return true;
    }

    private async Task RetryAsync(Func<Task> action, string what, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (logger.IsEnabled(LogLevel.Error))
                {
                    logger.LogError(e, "Could not {What} (attempt {Attempt}); retrying", what, attempt);
                }

                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT acknowledgement not sent ({Reason}); the broker will deliver the message again")]
    private partial void LogAckFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker refused the app: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT message on {Topic} names no company; acknowledged without storing")]
    private partial void LogUnroutable(string topic);
}
