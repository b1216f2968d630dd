using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Tanpan.Web.Features.Meters;

/// <summary>The transport of <see cref="BrokerAccounts"/>: one admin connection, commands sent on the dynamic-security
/// topic and matched to their answers by correlation data.</summary>
public sealed partial class BrokerAccounts
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private IMqttClient? _client;
    private bool _disposed;

    /// <summary>Sends one command and waits for its answer; true when it succeeded, false when it failed with
    /// "... already exists" and <paramref name="tolerateExisting"/> is set.</summary>
    private async Task<bool> SendAsync(JsonObject command, CancellationToken ct, bool tolerateExisting = false)
    {
        var answer = await RequestAsync(command, ct, tolerateExisting);
        return answer["error"] is null;
    }

    private async Task<JsonObject> RequestAsync(JsonObject command, CancellationToken ct, bool tolerateExisting = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = (string)command["command"]!;
        var correlation = Guid.NewGuid().ToString("N");
        command["correlationData"] = correlation;
        var waiter = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlation] = waiter;
        try
        {
            var client = await ConnectedClientAsync(ct);
            var payload = new JsonObject { ["commands"] = new JsonArray(command) }.ToJsonString();
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(CommandTopic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(CommandTimeout);
            JsonObject answer;
            try
            {
                var published = await client.PublishAsync(message, timeout.Token);
                if (!published.IsSuccess)
                {
                    throw new BrokerAccountException($"The broker refused the dynsec command {name}: PUBACK {published.ReasonCode} {published.ReasonString}".TrimEnd()) { Command = name };
                }
                answer = await waiter.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new BrokerAccountException($"The broker did not answer the dynsec command {name} within {CommandTimeout.TotalSeconds:0} s.") { Command = name };
            }

            if (answer["error"] is { } error)
            {
                var text = error.GetValueKind() == JsonValueKind.String ? (string)error! : error.ToJsonString();
                if (tolerateExisting && IsAlreadyThere(text))
                {
                    return answer;
                }
                throw new BrokerAccountException($"The broker refused the dynsec command {name}: {text}") { Command = name, BrokerError = text };
            }
            return answer;
        }
        finally
        {
            _pending.TryRemove(correlation, out _);
        }
    }

    private static bool IsAlreadyThere(string error) =>
        error.Contains("already exists", StringComparison.OrdinalIgnoreCase);

    private async Task<IMqttClient> ConnectedClientAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true } connected)
        {
            return connected;
        }

        await _connectLock.WaitAsync(ct);
        try
        {
            if (_client is { IsConnected: true } raced)
            {
                return raced;
            }
            _client?.Dispose();
            _client = null;

            var client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += OnResponseAsync;
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(options.Host, options.Port)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithClientId($"tanpan-broker-admin-{Guid.NewGuid():N}")
                .WithCredentials(options.Username, options.Password)
                .WithCleanStart()
                .WithTimeout(CommandTimeout);
            if (options.UseTls)
            {
                builder = builder.WithTlsOptions(tls => tls.UseTls());
            }

            try
            {
                var result = await client.ConnectAsync(builder.Build(), ct);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new BrokerAccountException($"The broker at {options.Host}:{options.Port} refused the admin client {options.Username}: {result.ResultCode} {result.ReasonString}".TrimEnd());
                }
                var subscribed = await client.SubscribeAsync(ResponseTopic, MqttQualityOfServiceLevel.AtLeastOnce, ct);
                var code = subscribed.Items.Single().ResultCode;
                if (code > MqttClientSubscribeResultCode.GrantedQoS2)
                {
                    throw new BrokerAccountException($"The admin client {options.Username} may not subscribe to {ResponseTopic}: {code}");
                }
            }
            catch (Exception e) when (e is not BrokerAccountException and not OperationCanceledException)
            {
                client.Dispose();
                throw new BrokerAccountException($"Could not connect to the broker at {options.Host}:{options.Port} as {options.Username}: {e.Message}", e);
            }
            catch
            {
                client.Dispose();
                throw;
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("Broker admin client connected to {Host}:{Port}", options.Host, options.Port);
            }
            _client = client;
            return client;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private Task OnResponseAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (e.ApplicationMessage.Topic != ResponseTopic)
        {
            return Task.CompletedTask;
        }
        try
        {
            var root = JsonNode.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            foreach (var response in (root?["responses"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (response["correlationData"] is JsonValue value && value.TryGetValue<string>(out var correlation)
                    && _pending.TryGetValue(correlation, out var waiter))
                {
                    waiter.TrySetResult(response);
                }
            }
        }
        catch (JsonException ex)
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning(ex, "Unreadable dynsec response on {Topic}", ResponseTopic);
            }
        }
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_client is { } client)
        {
            if (client.IsConnected)
            {
                await client.TryDisconnectAsync();
            }
            client.Dispose();
            _client = null;
        }
        _connectLock.Dispose();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _client?.Dispose();
        _client = null;
        _connectLock.Dispose();
    }
}
