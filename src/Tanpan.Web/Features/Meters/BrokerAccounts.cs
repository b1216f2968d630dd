using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tanpan.Web.Features.Meters;

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


    private volatile bool _defaultsSet;

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

    private static void ValidPassword(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
    }

    private sealed record Acl(string Type, string Topic, bool Allow = true, int Priority = 0)
    {
        public JsonObject ToJson() => new() { ["acltype"] = Type, ["topic"] = Topic, ["allow"] = Allow, ["priority"] = Priority };
    }

    // \z, not $: $ also matches before a final "\n".
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{2,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CompanyKeyPattern();
}
