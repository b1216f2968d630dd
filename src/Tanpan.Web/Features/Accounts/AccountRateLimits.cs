using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Accounts;

/// <summary>Per-address limits on the account forms that a script would hammer: sign-in, reset requests, registration
/// and invitations. Only the form posts count (showing the form is free). The defaults are far above what a person
/// types; configuration (<c>RateLimiting:SignInPerMinute</c> …) changes them.</summary>
public static class AccountRateLimits
{
    public const string SignIn = "sign-in";
    public const string PasswordReset = "password-reset";
    public const string Registration = "registration";
    public const string Invitations = "invitations";

    public static void AddAccountPolicies(this RateLimiterOptions options, IConfiguration configuration)
    {
        Add(options, SignIn, configuration.GetValue("RateLimiting:SignInPerMinute", 10), handler: null);
        Add(options, PasswordReset, configuration.GetValue("RateLimiting:PasswordResetPerMinute", 5), handler: null);
        Add(options, Registration, configuration.GetValue("RateLimiting:RegistrationPerMinute", 5), handler: null);
        // The user page also posts role changes; only invitations send e-mail to an address the caller chose.
        Add(options, Invitations, configuration.GetValue("RateLimiting:InvitationsPerMinute", 20), handler: "Invite");
    }

    private static void Add(RateLimiterOptions options, string policy, int permitsPerMinute, string? handler) =>
        options.AddPolicy(policy, http =>
            HttpMethods.IsPost(http.Request.Method) && (handler is null || string.Equals(http.Request.Query["handler"].FirstOrDefault(), handler, StringComparison.OrdinalIgnoreCase))
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Key(http), _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(string.Empty));
}
