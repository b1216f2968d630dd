using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Meters;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Meters;

/// <summary>An app node connected to a real mosquitto with the dynamic-security plugin; several can share one database.</summary>
public sealed class MqttApp : TanpanApp
{
    public const string AppUser = "tanpan-app";
    public const string AppPassword = "app-pass-for-tests";
    private readonly MosquittoBroker broker;
    private readonly string clientId;

    public MqttApp(MosquittoBroker broker, Provider provider, string clientId)
        : base(provider) => (this.broker, this.clientId) = (broker, clientId);

    public MqttApp(MosquittoBroker broker, TanpanApp sameDatabase, string clientId)
        : base(sameDatabase) => (this.broker, this.clientId) = (broker, clientId);

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Mqtt:Host", broker.Host), new("Mqtt:Port", broker.Port.ToString(CultureInfo.InvariantCulture)), new("Mqtt:Username", AppUser), new("Mqtt:Password", AppPassword),
        new("Mqtt:AdminUsername", broker.AdminUsername), new("Mqtt:AdminPassword", broker.AdminPassword), new("Mqtt:ClientId", clientId),
    ];

    public MqttIngestion Mqtt => Services.GetRequiredService<MqttIngestion>();

    public async Task WaitConnectedAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!Mqtt.Connected)
        {
            Assert.True(DateTime.UtcNow < until, "the app did not connect to the broker in 20 s");
            await Task.Delay(50);
        }
    }

    public async Task<BrokerCredentials> CredentialsAsync(Guid companyId)
    {
        using var scope = Services.CreateScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantScope>();
        tenant.Enter(companyId, "test", PrincipalKind.User);
        var result = await SetUpBrokerAccount.ExecuteAsync(scope.ServiceProvider.GetRequiredService<TanpanDb>(), tenant, scope.ServiceProvider.GetService<BrokerAccounts>(),
            scope.ServiceProvider.GetRequiredService<IOptions<MqttOptions>>().Value, TimeProvider.System, CancellationToken.None);
        return result.Value;
    }

    public async Task<int> ReadingsAsync(Guid companyId)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TanpanDb>().MeterReadings.IgnoreQueryFilters().CountAsync(r => r.CompanyId == companyId);
    }
}

/// <summary>Readings through mosquitto at QoS 1: stored once however often they come, bad payloads quarantined and
/// replayable, a company's credentials good for its own topics only, nothing acknowledged lost when the app
/// restarts in mid-stream, and two app nodes on one PostgreSQL splitting the stream without double counting.</summary>
public sealed class MqttIngestionTests : IAsyncLifetime
{
    private MosquittoBroker broker = null!;

    public async Task InitializeAsync() => broker = await MosquittoBroker.StartAsync(dynamicSecurity: true, persistence: true);

    public async Task DisposeAsync() => await broker.DisposeAsync();

    private async Task<IMqttClient> MeterClientAsync(BrokerCredentials credentials, string id)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(id).WithCredentials(credentials.Username, credentials.Password).Build());
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    private static async Task<MqttClientPublishReasonCode> PublishAsync(IMqttClient client, string topic, string payload) =>
        (await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())).ReasonCode;

    /// <summary>{"readings":[…]} of <paramref name="count"/> counter readings, one a minute from <paramref name="first"/>.</summary>
    private static string Payload(DateTimeOffset first, int start, int count) =>
        "{\"readings\":[" + string.Join(",", Enumerable.Range(start, count).Select(i =>
            $"{{\"t\":\"{first.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}\",\"kwh\":{(i * 0.5m).ToString(CultureInfo.InvariantCulture)}}}")) + "]}";

    private static readonly DateTimeOffset Start = new(2024, 6, 5, 8, 0, 0, TimeSpan.FromHours(8));

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"{what} not reached in {seconds} s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Readings_ArriveByMqtt_RepeatsCountOnce_BadPayloadsAreQuarantinedAndReplayable()
    {
        await using var app = new MqttApp(broker, Provider.Sqlite, "node-a");
        var (companyId, erp) = await app.CreateCompanyAsync("MQTT 廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "LINE1", interval: 1);
        await app.WaitConnectedAsync();
        var credentials = await app.CredentialsAsync(companyId);
        using var meter = await MeterClientAsync(credentials, "gateway-1");
        var topic = $"tanpan/{credentials.Key}/meters/LINE1/readings";

        Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(meter, topic, Payload(Start, 0, 60)));
        await PublishAsync(meter, topic, Payload(Start, 0, 60)); // sent again
        await PublishAsync(meter, topic, Payload(Start, 30, 60)); // overlaps the first by 30 readings
        await PublishAsync(meter, topic, """{"readings":[{"t":"2024-06-05T08:00:00","kwh":1}]}""");
        await PublishAsync(meter, $"tanpan/{credentials.Key}/meters/NEW/readings", Payload(Start, 0, 10));
        await WaitAsync(async () => await app.ReadingsAsync(companyId) == 90, "90 distinct readings");
        await WaitAsync(async () => (await Problem.ReadJsonAsync(await erp.GetAsync("/api/v1/meters/quarantine"))).GetArrayLength() == 2, "two quarantined payloads");

        var quarantine = await Problem.ReadJsonAsync(await erp.GetAsync("/api/v1/meters/quarantine"));
        var noOffset = quarantine.EnumerateArray().Single(q => q.GetProperty("meter").GetString() == "LINE1");
        Assert.Equal("readings[0].t", noOffset.GetProperty("field").GetString());
        var unknown = quarantine.EnumerateArray().Single(q => q.GetProperty("meter").GetString() == "NEW");
        Assert.Equal("meter", unknown.GetProperty("field").GetString());

        // Once the meter exists, the quarantined payload is replayed into it.
        await MeterSetup.MeterAsync(erp, facility, "NEW", interval: 1);
        var replayed = await Problem.ReadJsonAsync(await erp.PostAsync($"/api/v1/meters/quarantine/{unknown.GetProperty("id").GetGuid()}/replay", null));
        Assert.Equal(10, replayed.GetProperty("inserted").GetInt32());
        Assert.Equal(100, await app.ReadingsAsync(companyId));

        await MeterSetup.RollUpAsync(app);
        var hours = await MeterReadingTests.Series(erp, "LINE1", "hour");
        // Register 0 … 44.5 kWh over 08:00–09:29: 08:00–09:00 holds the 60 intervals ending 08:01 … 09:00 (30 kWh), 09:00–10:00 the rest (14.5).
        Assert.Equal([30m, 14.5m], hours.Select(h => h.Quantity));
    }

    [Fact]
    public async Task ACompanysCredentials_PublishOnlyToItsOwnTopics()
    {
        await using var app = new MqttApp(broker, Provider.Sqlite, "node-iso");
        var (a, _) = await app.CreateCompanyAsync("甲");
        var (b, erpB) = await app.CreateCompanyAsync("乙");
        var facilityB = await MeterSetup.FacilityAsync(app, b);
        await MeterSetup.MeterAsync(erpB, facilityB, "B1", interval: 1);
        await app.WaitConnectedAsync();
        var credentialsA = await app.CredentialsAsync(a);
        var credentialsB = await app.CredentialsAsync(b);
        using var meterA = await MeterClientAsync(credentialsA, "gw-a");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await PublishAsync(meterA, $"tanpan/{credentialsB.Key}/meters/B1/readings", Payload(Start, 0, 5)));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await PublishAsync(meterA, "tanpan/x/y", "{}"));
        var sub = await meterA.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("tanpan/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.NotEqual(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(sub.Items).ResultCode);
        await Task.Delay(500);
        Assert.Equal(0, await app.ReadingsAsync(b));
    }

    [Fact]
    public async Task AppRestartInMidStream_LosesNothingAcknowledged()
    {
        using var database = new PostgresApp();
        var (companyId, erp) = await database.CreateCompanyAsync("重啟廠");
        var facility = await MeterSetup.FacilityAsync(database, companyId);
        await MeterSetup.MeterAsync(erp, facility, "M", interval: 1);
        var node = new MqttApp(broker, database, "node-restart");
        await node.WaitConnectedAsync();
        var credentials = await node.CredentialsAsync(companyId);
        using var meter = await MeterClientAsync(credentials, "gw-restart");
        var topic = $"tanpan/{credentials.Key}/meters/M/readings";
        for (var i = 0; i < 40; i++)
        {
            // Every publish is acknowledged by the broker (PUBACK) before the next: these are the readings that must not be lost.
            Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(meter, topic, Payload(Start, i * 100, 100)));
            if (i == 15)
            {
                // The node stops with messages in flight; the broker keeps its session's unacknowledged ones.
                await node.DisposeAsync();
            }
        }

        await using var restarted = new MqttApp(broker, database, "node-restart");
        await restarted.WaitConnectedAsync();
        await WaitAsync(async () => await restarted.ReadingsAsync(companyId) == 4000, "all 4,000 readings after the restart");
        await Task.Delay(300);
        Assert.Equal(4000, await restarted.ReadingsAsync(companyId));
    }

    [Fact]
    public async Task TwoNodesOnOnePostgres_ShareTheStream_WithoutDoubleCounting()
    {
        using var database = new PostgresApp();
        var (companyId, erp) = await database.CreateCompanyAsync("雙節點廠");
        var facility = await MeterSetup.FacilityAsync(database, companyId);
        for (var m = 0; m < 4; m++)
        {
            await MeterSetup.MeterAsync(erp, facility, $"M{m}", interval: 1);
        }

        await using var nodeA = new MqttApp(broker, database, "node-a");
        await nodeA.WaitConnectedAsync();
        var credentials = await nodeA.CredentialsAsync(companyId);
        await using var nodeB = new MqttApp(broker, database, "node-b");
        await nodeB.WaitConnectedAsync();
        using var meter = await MeterClientAsync(credentials, "gw-two");
        for (var i = 0; i < 50; i++)
        {
            for (var m = 0; m < 4; m++)
            {
                await PublishAsync(meter, $"tanpan/{credentials.Key}/meters/M{m}/readings", Payload(Start, i * 50, 50));
            }
        }

        // Ten messages again: repeats, whichever node gets them.
        for (var i = 0; i < 10; i++)
        {
            await PublishAsync(meter, $"tanpan/{credentials.Key}/meters/M0/readings", Payload(Start, i * 50, 50));
        }

        await WaitAsync(async () => nodeA.Mqtt.Acknowledged + nodeB.Mqtt.Acknowledged >= 210, $"210 messages acknowledged (so far {nodeA.Mqtt.Acknowledged} + {nodeB.Mqtt.Acknowledged}, {await nodeA.ReadingsAsync(companyId)} readings; broker log: {broker.Log[^Math.Min(broker.Log.Length, 3000)..]})");
        Assert.True(nodeA.Mqtt.Acknowledged > 0 && nodeB.Mqtt.Acknowledged > 0, $"the stream was not shared: {nodeA.Mqtt.Acknowledged} / {nodeB.Mqtt.Acknowledged}");
        Assert.Equal(4 * 2500, await nodeA.ReadingsAsync(companyId));
        using var scope = nodeA.Services.CreateScope();
        var batches = await scope.ServiceProvider.GetRequiredService<TanpanDb>().MeterBatches.IgnoreQueryFilters().Where(b => b.CompanyId == companyId).ToListAsync();
        Assert.True(batches.Count >= 210);
        Assert.Equal(4 * 2500, batches.Sum(b => b.Inserted));

        await MeterSetup.RollUpAsync(nodeA);
        var days = await MeterReadingTests.Series(erp, "M0", "day");
        // 0.5 kWh a minute for 2,500 minutes from 06-05 08:00: 16 h on the 5th (480), 24 h on the 6th (720), and the
        // last 100 minutes on the 7th, which is past the series' end.
        Assert.Equal([480m, 720m], days.Select(d => d.Quantity));
    }
}
