using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Tanpan.Web.Features.Meters;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Meters;

/// <summary>Per-company broker accounts on a real mosquitto with the dynamic security plugin (a broker of its own per
/// test): a company's credentials publish to its own readings and nothing else, subscribe to nothing; the app reads
/// everything through the shared subscription. The clients speak MQTT 5, so PUBACK/SUBACK reason codes show refusals.</summary>
public sealed class BrokerAccountsTests : IAsyncLifetime, IDisposable
{
    private const string A = "acme-01";
    private const string B = "bolt-02";
    private const string AppUser = "tanpan-app";
    private const string AppPassword = "app-secret-1";
    private const string PasswordA = "a-secret-1";
    private const string PasswordB = "b-secret-1";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly LogCapture _logs = new();
    private readonly List<IMqttClient> _clients = [];
    private MosquittoBroker _broker = null!;
    private BrokerAccounts _accounts = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync(persistence: true);
        _accounts = NewAccounts(_broker.AdminPassword);
        await _accounts.EnsureAppUserAsync(AppUser, AppPassword, default);
        await _accounts.EnsureCompanyAsync(A, PasswordA, default);
        await _accounts.EnsureCompanyAsync(B, PasswordB, default);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.TryDisconnectAsync();
            client.Dispose();
        }
        await _accounts.DisposeAsync();
        await _broker.DisposeAsync();
    }

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Company_PublishesToItsOwnReadings_AndTheAppReceivesThemThroughTheSharedSubscription()
    {
        var app = await AppSubscriberAsync();
        var meter = await ConnectedAsync(A, PasswordA);

        var result = await PublishAsync(meter, $"tanpan/{A}/meters/m1/readings", """{"kwh":1.5}""");

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        var received = await app.ReadAsync(Timeout());
        Assert.Equal($"tanpan/{A}/meters/m1/readings", received.Topic);
        Assert.Equal("""{"kwh":1.5}""", Encoding.UTF8.GetString(received.Payload));
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, received.QualityOfServiceLevel);
    }

    [Fact]
    public async Task Company_CannotPublishToAnotherCompanysReadings_NorAnywhereElse_AndTheAppNeverSeesIt()
    {
        var app = await AppSubscriberAsync();
        var meter = await ConnectedAsync(A, PasswordA);

        foreach (var topic in new[] { $"tanpan/{B}/meters/m1/readings", $"tanpan/{A}/meters/m1/other", $"tanpan/{A}/meters", "tanpan/x", "other", "$CONTROL/dynamic-security/v1" })
        {
            var refused = await PublishAsync(meter, topic, """{"commands":[{"command":"createClient","username":"evil","password":"x"}]}""");
            Assert.True(refused.ReasonCode == MqttClientPublishReasonCode.NotAuthorized, $"{topic}: {refused.ReasonCode}");
        }
        Assert.True(meter.IsConnected);

        // A marker on A's own topic, published after the refused ones, is the first (and only) thing the app gets.
        Assert.Equal(MqttClientPublishReasonCode.Success, (await PublishAsync(meter, $"tanpan/{A}/meters/m1/readings", "marker")).ReasonCode);
        var first = await app.ReadAsync(Timeout());
        Assert.Equal("marker", Encoding.UTF8.GetString(first.Payload));
        await Task.Delay(200);
        Assert.False(app.TryRead(out var extra), $"unexpected message on {extra?.Topic}");

        // The "createClient" sent to $CONTROL did nothing.
        var evil = await ConnectAsync("evil", "x");
        Assert.NotEqual(MqttClientConnectResultCode.Success, evil.ResultCode);
    }

    [Theory]
    [InlineData("tanpan/#")]
    [InlineData("tanpan/acme-01/meters/+/readings")]
    [InlineData("tanpan/acme-01/meters/m1/readings")]
    [InlineData("$share/tanpan/tanpan/+/meters/+/readings")]
    [InlineData("#")]
    [InlineData("$CONTROL/dynamic-security/#")]
    public async Task Company_CannotSubscribeToAnything(string filter)
    {
        var meter = await ConnectedAsync(A, PasswordA);

        var result = await meter.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);

        var code = Assert.Single(result.Items).ResultCode;
        Assert.True(code == MqttClientSubscribeResultCode.NotAuthorized, $"{filter}: {code}");
    }

    [Fact]
    public async Task WrongPassword_UnknownUser_AndAnonymous_CannotConnect()
    {
        // mosquitto 2.0.11 with dynsec answers a bad password with CONNACK 0x87 NotAuthorized, not 0x86.
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await ConnectAsync(A, PasswordB)).ResultCode);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await ConnectAsync("nobody-here", PasswordA)).ResultCode);
        Assert.NotEqual(MqttClientConnectResultCode.Success, (await ConnectAsync(null, null)).ResultCode);
    }

    [Fact]
    public async Task DisabledCompany_CannotConnect_IsDisconnected_AndEnsureEnablesItAgain()
    {
        var connected = await ConnectedAsync(A, PasswordA);

        await _accounts.DisableCompanyAsync(A, default);

        Assert.NotEqual(MqttClientConnectResultCode.Success, (await ConnectAsync(A, PasswordA)).ResultCode);
        await Eventually(() => !connected.IsConnected, "the open connection of a disabled client is closed");
        Assert.Equal(MqttClientConnectResultCode.Success, (await ConnectAsync(B, PasswordB)).ResultCode);

        await _accounts.EnsureCompanyAsync(A, PasswordA, default);
        Assert.Equal(MqttClientConnectResultCode.Success, (await ConnectAsync(A, PasswordA)).ResultCode);
    }

    [Fact]
    public async Task SetPassword_Rotates_TheOldOneFails_TheNewOneWorks_AndOpenConnectionsAreClosed()
    {
        var before = await ConnectedAsync(A, PasswordA);
        await _accounts.SetPasswordAsync(A, "a-secret-2", default);

        // mosquitto closes the connections of a client whose password changed.
        await Eventually(() => !before.IsConnected, "the connection opened with the old password is closed");

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await ConnectAsync(A, PasswordA)).ResultCode);
        var meter = await ConnectedAsync(A, "a-secret-2");
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, (await PublishAsync(meter, $"tanpan/{A}/meters/m1/readings", "1")).ReasonCode);
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnsureCompany_Twice_IsFine_UpdatesThePassword_AndKeepsTheOneAcl()
    {
        await _accounts.EnsureCompanyAsync(A, PasswordA, default);
        await _accounts.EnsureCompanyAsync(A, "a-secret-3", default);
        await _accounts.EnsureAppUserAsync(AppUser, AppPassword, default);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await ConnectAsync(A, PasswordA)).ResultCode);
        var app = await AppSubscriberAsync();
        var meter = await ConnectedAsync(A, "a-secret-3");
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await PublishAsync(meter, $"tanpan/{B}/meters/m1/readings", "1")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await PublishAsync(meter, $"tanpan/{A}/meters/m1/readings", "2")).ReasonCode);
        Assert.Equal("2", Encoding.UTF8.GetString((await app.ReadAsync(Timeout())).Payload));
    }

    [Fact]
    public async Task EnsureCompany_PutsBackTheWantedAcl_WhenTheRoleWasChangedOnTheBroker()
    {
        // Someone widened A's role by hand (mosquitto_ctrl): Ensure makes it exactly the one ACL again.
        await MosquittoCtrlAsync("dynsec", "addRoleACL", BrokerAccounts.CompanyRole(A), "publishClientSend", "tanpan/#", "allow");
        var meter = await ConnectedAsync(A, PasswordA);
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, (await PublishAsync(meter, $"tanpan/{B}/meters/m1/readings", "1")).ReasonCode);

        await _accounts.EnsureCompanyAsync(A, PasswordA, default);

        meter = await ConnectedAsync(A, PasswordA);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await PublishAsync(meter, $"tanpan/{B}/meters/m1/readings", "1")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, (await PublishAsync(meter, $"tanpan/{A}/meters/m1/readings", "1")).ReasonCode);
    }

    [Fact]
    public async Task Accounts_SurviveABrokerRestart()
    {
        await _broker.RestartAsync();

        Assert.Equal(MqttClientConnectResultCode.Success, (await ConnectAsync(A, PasswordA)).ResultCode);
        // The admin connection dropped with the restart; the next command reconnects.
        await _accounts.SetPasswordAsync(B, "b-secret-2", default);
        Assert.Equal(MqttClientConnectResultCode.Success, (await ConnectAsync(B, "b-secret-2")).ResultCode);
    }

    [Fact]
    public async Task ARefusedCommand_ThrowsBrokerAccountException_WithTheBrokersError()
    {
        var e = await Assert.ThrowsAsync<BrokerAccountException>(() => _accounts.SetPasswordAsync("no-such-company", "x-secret", default));

        Assert.Equal("setClientPassword", e.Command);
        Assert.Equal("Client not found", e.BrokerError);
        Assert.Contains("Client not found", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<BrokerAccountException>(() => _accounts.DisableCompanyAsync("no-such-company", default));
    }

    [Fact]
    public async Task AWrongAdminPassword_ThrowsBrokerAccountException()
    {
        await using var wrong = NewAccounts("not-the-admin-password");

        var e = await Assert.ThrowsAsync<BrokerAccountException>(() => wrong.EnsureCompanyAsync("cody-03", "c-secret", default));

        Assert.Contains("refused the admin client admin: NotAuthorized", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme/01")]
    [InlineData("acme+")]
    [InlineData("acme#")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("Acme")]
    [InlineData("ab")]
    [InlineData("")]
    [InlineData("-acme")]
    [InlineData("acme\n")]
    [InlineData("acme 01")]
    [InlineData("acme_01")]
    [InlineData("a1234567890123456789012345678901234567890")]
    public async Task InvalidCompanyKeys_ThrowArgumentException(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _accounts.EnsureCompanyAsync(key, PasswordA, default));
        await Assert.ThrowsAsync<ArgumentException>(() => _accounts.SetPasswordAsync(key, PasswordA, default));
        await Assert.ThrowsAsync<ArgumentException>(() => _accounts.DisableCompanyAsync(key, default));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a-1")]
    [InlineData("0123456789012345678901234567890123456789")]
    public void ValidCompanyKeys_AreAccepted(string key) => Assert.Equal(key, BrokerAccounts.ValidKey(key));

    [Fact]
    public async Task MqttNet_ManualAcknowledgement_AfterTheHandlerReturned_HoldsBackTheNextMessage_UntilAcked()
    {
        // How the ingest can acknowledge a reading only once it is stored: AutoAcknowledge = false in the handler,
        // AcknowledgeAsync later. With ReceiveMaximum = 1 the broker sends the next QoS 1 message only after that.
        var received = Channel.CreateUnbounded<MqttApplicationMessageReceivedEventArgs>();
        var app = new MqttClientFactory().CreateMqttClient();
        _clients.Add(app);
        app.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            received.Writer.TryWrite(e);
            return Task.CompletedTask;
        };
        var options = Options(AppUser, AppPassword).WithReceiveMaximum(1).Build();
        Assert.Equal(MqttClientConnectResultCode.Success, (await app.ConnectAsync(options)).ResultCode);
        await app.SubscribeAsync(BrokerAccounts.SharedSubscription, MqttQualityOfServiceLevel.AtLeastOnce);
        var meter = await ConnectedAsync(A, PasswordA);

        await PublishAsync(meter, $"tanpan/{A}/meters/m1/readings", "1");
        await PublishAsync(meter, $"tanpan/{A}/meters/m1/readings", "2");

        var first = await received.Reader.ReadAsync(Timeout());
        Assert.Equal("1", Encoding.UTF8.GetString(first.ApplicationMessage.Payload));
        await Task.Delay(300);
        Assert.False(received.Reader.TryRead(out _), "the second message came before the first was acknowledged");

        await first.AcknowledgeAsync(default);
        var second = await received.Reader.ReadAsync(Timeout());
        Assert.Equal("2", Encoding.UTF8.GetString(second.ApplicationMessage.Payload));
        await second.AcknowledgeAsync(default);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => second.AcknowledgeAsync(default));
    }

    [Fact]
    public async Task MqttNet_PersistentSession_AnUnacknowledgedMessageIsSentAgain_AfterReconnecting()
    {
        // CleanStart = false + SessionExpiryInterval: the broker keeps the session (the subscription and the in-flight
        // QoS 1 message) while the app is away and sends what was not acknowledged again, with DUP set.
        var meter = await ConnectedAsync(A, PasswordA);
        var options = Options(AppUser, AppPassword).WithClientId("tanpan-app-session").WithCleanStart(false).WithSessionExpiryInterval(300).Build();

        var first = new MqttClientFactory().CreateMqttClient();
        _clients.Add(first);
        var gotIt = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        first.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            gotIt.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        Assert.False((await first.ConnectAsync(options)).IsSessionPresent);
        await first.SubscribeAsync(BrokerAccounts.SharedSubscription, MqttQualityOfServiceLevel.AtLeastOnce);
        await PublishAsync(meter, $"tanpan/{A}/meters/m1/readings", "unacked");
        Assert.Equal("unacked", await gotIt.Task.WaitAsync(Wait));
        first.Dispose(); // gone without acknowledging (and without a DISCONNECT)

        var second = new MqttClientFactory().CreateMqttClient();
        _clients.Add(second);
        var again = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        second.ApplicationMessageReceivedAsync += e =>
        {
            again.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        var resumed = await second.ConnectAsync(options);
        Assert.True(resumed.IsSessionPresent);
        var redelivered = await again.Task.WaitAsync(Wait);
        Assert.Equal("unacked", Encoding.UTF8.GetString(redelivered.Payload));
        Assert.True(redelivered.Dup);
    }

    private BrokerAccounts NewAccounts(string adminPassword)
    {
        var factory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        return new BrokerAccounts(new BrokerAdminOptions(_broker.Host, _broker.Port, _broker.AdminUsername, adminPassword), factory.CreateLogger<BrokerAccounts>());
    }

    private MqttClientOptionsBuilder Options(string? username, string? password)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"test-{Guid.NewGuid():N}")
            .WithTimeout(Wait);
        return username is null ? builder : builder.WithCredentials(username, password);
    }

    /// <summary>Connects (MQTT 5); the connect result tells whether the broker took the credentials.</summary>
    private async Task<MqttClientConnectResult> ConnectAsync(string? username, string? password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        _clients.Add(client);
        return await client.ConnectAsync(Options(username, password).Build(), Timeout());
    }

    private async Task<IMqttClient> ConnectedAsync(string username, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        _clients.Add(client);
        var result = await client.ConnectAsync(Options(username, password).Build(), Timeout());
        Assert.True(result.ResultCode == MqttClientConnectResultCode.Success, $"{username}: {result.ResultCode} {result.ReasonString}\n{_broker.Log}");
        return client;
    }

    /// <summary>The app, connected and subscribed to the shared readings subscription; what it receives.</summary>
    private async Task<ChannelReader<MqttApplicationMessage>> AppSubscriberAsync()
    {
        var messages = Channel.CreateUnbounded<MqttApplicationMessage>();
        var client = new MqttClientFactory().CreateMqttClient();
        _clients.Add(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            messages.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        Assert.Equal(MqttClientConnectResultCode.Success, (await client.ConnectAsync(Options(AppUser, AppPassword).Build(), Timeout())).ResultCode);
        var subscribed = await client.SubscribeAsync(BrokerAccounts.SharedSubscription, MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(subscribed.Items).ResultCode);
        return messages.Reader;
    }

    private static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Timeout());

    private async Task MosquittoCtrlAsync(params string[] command)
    {
        var start = new System.Diagnostics.ProcessStartInfo(MosquittoBroker.MosquittoCtrlPath) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-h", _broker.Host, "-p", $"{_broker.Port}", "-u", _broker.AdminUsername, "-P", _broker.AdminPassword, .. command])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {Wait.TotalSeconds:0} s: {what}");
            await Task.Delay(50);
        }
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(Wait).Token;
}
