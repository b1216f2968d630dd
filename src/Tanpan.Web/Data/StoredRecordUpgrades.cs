
namespace Tanpan.Web.Data;

/// <summary>Converts rows written before a stored record's current schema version. Runs at start-up after the
/// migrations, on every provider, in C# (a JSON reshaping is not portable SQL). Idempotent: a converted row is
/// never touched again.</summary>
public interface IStoredRecordUpgrade
{
    Task<int> UpgradeAsync(TanpanDb db, CancellationToken ct);
}

/// <summary>Runs every <see cref="IStoredRecordUpgrade"/> once at start-up (registered after the migrator).</summary>
public sealed class StoredRecordUpgrader(IServiceProvider services, ILogger<StoredRecordUpgrader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        foreach (var upgrade in scope.ServiceProvider.GetServices<IStoredRecordUpgrade>())
        {
            var count = await upgrade.UpgradeAsync(db, cancellationToken);
            if (count > 0)
            {
                Log.Converted(logger, upgrade.GetType().Name, count);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Upgrade} converted {Count} rows to their current stored-record version")]
    public static partial void Converted(ILogger logger, string upgrade, int count);
}
