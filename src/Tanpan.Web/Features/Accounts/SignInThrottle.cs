using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tanpan.Web.Features.Accounts;

/// <summary>Failed-sign-in limits, in place of Identity's per-account lockout (which anyone who knows an account name
/// can trigger for its owner from anywhere). Failures are counted per (account, address): after
/// <see cref="SignInThrottleOptions.MaxFailuresPerAddress"/> that pair is blocked for
/// <see cref="SignInThrottleOptions.AddressBlock"/>, so a stranger blocks only himself. A ceiling across all addresses
/// (<see cref="SignInThrottleOptions.MaxFailuresPerAccount"/> per <see cref="SignInThrottleOptions.AccountWindow"/>)
/// blocks the account everywhere against guessing spread over many addresses; a password reset lifts both.</summary>
public interface ISignInThrottle
{
    bool IsBlocked(string account, string address);

    void RecordFailure(string account, string address);

    /// <summary>A correct password from this address: its failures are forgotten (the account ceiling is not).</summary>
    void RecordSuccess(string account, string address);

    /// <summary>The owner proved control of the mailbox: every block on the account is lifted.</summary>
    void Clear(string account);
}

public sealed class SignInThrottleOptions
{
    public int MaxFailuresPerAddress { get; set; } = 5;

    public TimeSpan AddressBlock { get; set; } = TimeSpan.FromMinutes(15);

    public int MaxFailuresPerAccount { get; set; } = 50;

    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Account keys: a known user by id (so its name and e-mail share one count), an unknown name by its
/// normalized form (so that unknown names are throttled alike and being blocked tells nothing).</summary>
public static class SignInKeys
{
    public static string User(Guid id) => "user:" + id.ToString("N");

    public static string UnknownName(string normalized) => "name:" + normalized;
}

/// <summary>The throttle in this process's memory: each instance counts on its own and a restart forgets. Running
/// several instances needs a shared store behind <see cref="ISignInThrottle"/> (a table, or Redis).</summary>
public sealed class InMemorySignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock) : ISignInThrottle
{
    // Attackers choose the account names and addresses, so idle entries are swept out once the table grows.
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly SignInThrottleOptions _options = options.Value;

    public bool IsBlocked(string account, string address)
    {
        if (!_accounts.TryGetValue(account, out var state))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        lock (state)
        {
            state.Forget(now, _options);
            return state.Failures.Count >= _options.MaxFailuresPerAccount
                || (state.Addresses.TryGetValue(address, out var pair) && pair.BlockedUntil > now);
        }
    }

    public void RecordFailure(string account, string address)
    {
        var now = clock.GetUtcNow();
        var state = _accounts.GetOrAdd(account, _ => new AccountState());
        lock (state)
        {
            state.Forget(now, _options);
            state.Failures.Enqueue(now);
            var pair = state.Addresses.TryGetValue(address, out var existing) && now - existing.FirstFailure < _options.AddressBlock ? existing : new AddressState(now);
            pair.Failures++;
            if (pair.Failures >= _options.MaxFailuresPerAddress)
            {
                pair.BlockedUntil = now + _options.AddressBlock;
                pair.Failures = 0;
                pair.FirstFailure = now;
            }

            state.Addresses[address] = pair;
        }

        if (_accounts.Count > SweepAbove)
        {
            Sweep(now);
        }
    }

    public void RecordSuccess(string account, string address)
    {
        if (_accounts.TryGetValue(account, out var state))
        {
            lock (state)
            {
                state.Addresses.Remove(address);
            }
        }
    }

    public void Clear(string account) => _accounts.TryRemove(account, out _);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, state) in _accounts)
        {
            lock (state)
            {
                state.Forget(now, _options);
                if (state.Failures.Count == 0 && state.Addresses.Count == 0)
                {
                    _accounts.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class AccountState
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public Dictionary<string, AddressState> Addresses { get; } = new(StringComparer.Ordinal);

        /// <summary>Drops failures older than the account window and address entries that no longer block or count.</summary>
        public void Forget(DateTimeOffset now, SignInThrottleOptions options)
        {
            while (Failures.Count > 0 && now - Failures.Peek() >= options.AccountWindow)
            {
                Failures.Dequeue();
            }

            foreach (var address in Addresses.Where(a => a.Value.BlockedUntil <= now && now - a.Value.FirstFailure >= options.AddressBlock).Select(a => a.Key).ToList())
            {
                Addresses.Remove(address);
            }
        }
    }

    private sealed class AddressState(DateTimeOffset firstFailure)
    {
        public DateTimeOffset FirstFailure { get; set; } = firstFailure;

        public int Failures { get; set; }

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
