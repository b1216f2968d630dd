using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Tanpan.Web.Features.Meters;

/// <summary>Where the MQTT broker is and the dynamic-security admin client to administer it with.</summary>
public sealed record BrokerAdminOptions(string Host, int Port, string Username, string Password, bool UseTls = false);

/// <summary>A dynamic-security command the broker refused (its error text is in the message) or did not answer.</summary>
public sealed class BrokerAccountException : Exception
{
    public BrokerAccountException()
    {
    }

    public BrokerAccountException(string message)
        : base(message)
    {
    }

    public BrokerAccountException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The dynsec command that failed (<c>createClient</c>, …), when one did.</summary>
    public string? Command { get; init; }

    /// <summary>The broker's error text, when it sent one.</summary>
    public string? BrokerError { get; init; }
}

/// <summary>
/// The broker accounts of the meter feed, kept in mosquitto's dynamic security plugin and administered over MQTT
/// (<c>$CONTROL/dynamic-security/v1</c>). Every company gets a client <c>{companyKey}</c> whose only right is to
/// publish to <c>tanpan/{companyKey}/meters/+/readings</c>; the app gets a client that reads them all through the
/// shared subscription <c>$share/tanpan/tanpan/+/meters/+/readings</c>. Everything else is denied by the default ACLs.
/// One admin connection is kept open and reopened when it drops; every command waits for its answer.
/// </summary>
public sealed partial class BrokerAccounts(BrokerAdminOptions options, ILogger<BrokerAccounts> logger) : IAsyncDisposable, IDisposable
{
    public const string CommandTopic = "$CONTROL/dynamic-security/v1";
    public const string ResponseTopic = "$CONTROL/dynamic-security/v1/response";
    public const string SharedSubscription = "$share/tanpan/tanpan/+/meters/+/readings";
    public const string AllReadings = "tanpan/#";
    public const string AppRole = "tanpan-app";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private IMqttClient? _client;
    private volatile bool _defaultsSet;
    private bool _disposed;

    /// <summary>The role name of a company's client.</summary>
    public static string CompanyRole(string companyKey) => $"tanpan-company-{ValidKey(companyKey)}";

    /// <summary>The one topic filter a company may publish to.</summary>
    public static string CompanyTopic(string companyKey) => $"tanpan/{ValidKey(companyKey)}/meters/+/readings";

    /// <summary>Throws <see cref="ArgumentException"/> unless the key is 3-40 of [a-z0-9-], not starting with '-': no
    /// MQTT wildcard, no '/', nothing that could reach another company's topics.</summary>
    public static string ValidKey(string companyKey, string paramName = "companyKey")
    {
        if (companyKey is null || !CompanyKeyPattern().IsMatch(companyKey))
        {
            throw new ArgumentException($"A company key is 3-40 characters of a-z, 0-9 and '-', not starting with '-' (got '{companyKey}').", paramName);
        }
        return companyKey;
    }

    /// <summary>Default ACLs: nobody may publish, receive, subscribe or unsubscribe unless a role says so.</summary>
    public async Task EnsureDefaultsAsync(CancellationToken ct)
    {
        if (_defaultsSet)
        {
            return;
        }
        await SendAsync(new JsonObject
        {
            ["command"] = "setDefaultACLAccess",
            ["acls"] = new JsonArray(
                Default("publishClientSend"),
                Default("publishClientReceive"),
                Default("subscribe"),
                Default("unsubscribe")),
        }, ct);
        _defaultsSet = true;

        static JsonObject Default(string acltype) => new() { ["acltype"] = acltype, ["allow"] = false };
    }

    /// <summary>Creates or updates the company's role (publish to its own readings, nothing else) and its client
    /// (username = company key) with that password and role; an existing client gets the password, the role and is
    /// enabled again. Safe to call any number of times, but note that mosquitto closes the open connections of a
    /// client whose password is set, so calling it for an existing company makes its meters reconnect.</summary>
    public async Task EnsureCompanyAsync(string companyKey, string password, CancellationToken ct)
    {
        ValidKey(companyKey);
        ValidPassword(password);
        await EnsureDefaultsAsync(ct);
        var role = CompanyRole(companyKey);
        await EnsureRoleAsync(role, [new Acl("publishClientSend", CompanyTopic(companyKey))], ct);
        await EnsureClientAsync(companyKey, password, role, $"Tanpan company {companyKey}", ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Broker account of company {CompanyKey} ensured", companyKey);
        }
    }

    /// <summary>Creates or updates the app's client: it may subscribe to the shared readings subscription and to
    /// <c>tanpan/#</c>, and receive what is published under <c>tanpan/</c>. Call it before the app's subscriber
    /// connects: setting the password of an existing client closes its connections.</summary>
    public async Task EnsureAppUserAsync(string username, string password, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ValidPassword(password);
        await EnsureDefaultsAsync(ct);
        await EnsureRoleAsync(AppRole,
        [
            new Acl("subscribePattern", SharedSubscription),
            new Acl("subscribeLiteral", SharedSubscription),
            new Acl("subscribePattern", AllReadings),
            new Acl("subscribeLiteral", AllReadings),
            new Acl("unsubscribePattern", SharedSubscription),
            new Acl("unsubscribePattern", AllReadings),
            new Acl("publishClientReceive", AllReadings),
        ], ct);
        await EnsureClientAsync(username, password, AppRole, "Tanpan app", ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Broker app account {Username} ensured", username);
        }
    }

    /// <summary>Disables the company's client: it can no longer connect, and a connection it has is closed.</summary>
    public async Task DisableCompanyAsync(string companyKey, CancellationToken ct)
    {
        ValidKey(companyKey);
        await SendAsync(new JsonObject { ["command"] = "disableClient", ["username"] = companyKey }, ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Broker account of company {CompanyKey} disabled", companyKey);
        }
    }

    /// <summary>Gives the company's (existing) client a new password; the old one stops working and the broker closes
    /// the connections opened with it.</summary>
    public async Task SetPasswordAsync(string companyKey, string password, CancellationToken ct)
    {
        ValidKey(companyKey);
        ValidPassword(password);
        await SendAsync(new JsonObject { ["command"] = "setClientPassword", ["username"] = companyKey, ["password"] = password }, ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Broker password of company {CompanyKey} changed", companyKey);
        }
    }

    private async Task EnsureRoleAsync(string role, IReadOnlyList<Acl> acls, CancellationToken ct)
    {
        var created = await SendAsync(new JsonObject
        {
            ["command"] = "createRole",
            ["rolename"] = role,
            ["acls"] = new JsonArray([.. acls.Select(a => (JsonNode)a.ToJson())]),
        }, ct, tolerateExisting: true);
        if (created)
        {
            return;
        }

        // The role exists: make its ACLs exactly the wanted ones.
        var answer = await RequestAsync(new JsonObject { ["command"] = "getRole", ["rolename"] = role }, ct);
        var present = (answer["data"]?["role"]?["acls"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(a => new Acl(
                (string?)a["acltype"] ?? "",
                (string?)a["topic"] ?? "",
                a["allow"] is JsonValue allow && allow.TryGetValue<bool>(out var b) && b,
                a["priority"] is JsonValue p && p.TryGetValue<int>(out var n) ? n : 0))
            .ToList();
        foreach (var acl in present.Where(a => !acls.Contains(a)))
        {
            await SendAsync(new JsonObject { ["command"] = "removeRoleACL", ["rolename"] = role, ["acltype"] = acl.Type, ["topic"] = acl.Topic }, ct);
        }
        foreach (var acl in acls.Where(a => !present.Contains(a)))
        {
            var add = acl.ToJson();
            add["command"] = "addRoleACL";
            add["rolename"] = role;
            await SendAsync(add, ct);
        }
    }

    private async Task EnsureClientAsync(string username, string password, string role, string textName, CancellationToken ct)
    {
        var created = await SendAsync(new JsonObject
        {
            ["command"] = "createClient",
            ["username"] = username,
            ["password"] = password,
            ["textname"] = textName,
            ["roles"] = new JsonArray(new JsonObject { ["rolename"] = role }),
        }, ct, tolerateExisting: true);
        if (created)
        {
            return;
        }

        await SendAsync(new JsonObject { ["command"] = "setClientPassword", ["username"] = username, ["password"] = password }, ct);
        // addClientRole of a role the client has already fails with "Internal error" (mosquitto 2.0.11): look first.
        var answer = await RequestAsync(new JsonObject { ["command"] = "getClient", ["username"] = username }, ct);
        var roles = (answer["data"]?["client"]?["roles"] as JsonArray ?? []).OfType<JsonObject>().Select(r => (string?)r["rolename"]);
        if (!roles.Contains(role, StringComparer.Ordinal))
        {
            await SendAsync(new JsonObject { ["command"] = "addClientRole", ["username"] = username, ["rolename"] = role }, ct);
        }
        await SendAsync(new JsonObject { ["command"] = "enableClient", ["username"] = username }, ct);
    }

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

    private static void ValidPassword(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
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

    private sealed record Acl(string Type, string Topic, bool Allow = true, int Priority = 0)
    {
        public JsonObject ToJson() => new() { ["acltype"] = Type, ["topic"] = Topic, ["allow"] = Allow, ["priority"] = Priority };
    }

    // \z, not $: $ also matches before a final "\n".
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{2,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CompanyKeyPattern();
}
