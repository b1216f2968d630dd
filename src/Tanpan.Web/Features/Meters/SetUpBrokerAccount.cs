using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Meters;

/// <summary>The company's MQTT user and topic key, and its password shown once.</summary>
public sealed record BrokerCredentials(string Key, string Username, string Password, string Topic, string Host, int Port);

/// <summary>Gives the company an MQTT identity on the broker (its own topic key, a user that may publish only under
/// it), or a new password for the one it has. The password is shown once and kept only by the broker.</summary>
public static class SetUpBrokerAccount
{
    private const string KeyAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static async Task<Result<BrokerCredentials>> ExecuteAsync(TanpanDb db, TenantScope tenant, BrokerAccounts? broker, MqttOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (broker is null || string.IsNullOrEmpty(options.Host))
        {
            return new ConflictError("meter.broker.not-configured", "No MQTT broker is configured for this platform (Mqtt:Host and Mqtt:AdminUsername); send readings by REST or upload, or ask the operator.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var account = await db.MeterBrokerAccounts.FirstOrDefaultAsync(ct);
        var password = GeneratedSecrets.Password();
        try
        {
            if (account is null)
            {
                account = new MeterBrokerAccount { Id = Guid.NewGuid(), Key = NewKey(), CreatedAtUtc = now };
                await broker.EnsureCompanyAsync(account.Key, password, ct);
                db.MeterBrokerAccounts.Add(account);
            }
            else
            {
                await broker.EnsureCompanyAsync(account.Key, password, ct);
                account.DisabledAtUtc = null;
            }
        }
        catch (BrokerAccountException e)
        {
            return new ConflictError("meter.broker.refused", "The MQTT broker did not accept the account: " + e.Message);
        }

        account.PasswordSetAtUtc = now;
        await db.SaveChangesAsync(ct);
        _ = tenant;
        return new BrokerCredentials(account.Key, account.Key, password, $"tanpan/{account.Key}/meters/{{meterId}}/readings", options.Host, options.Port);
    }

    /// <summary>"c" and 11 characters without look-alikes (no l, o, 0, 1): about 55 bits, and never an MQTT wildcard.</summary>
    private static string NewKey() => "c" + RandomNumberGenerator.GetString(KeyAlphabet, 11);
}
