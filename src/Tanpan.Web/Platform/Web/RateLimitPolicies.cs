namespace Tanpan.Web.Platform.Web;

/// <summary>Names of the rate-limit policies the host defines and features apply to their routes.</summary>
public static class RateLimitPolicies
{
    /// <summary>The anonymous calculation routes: a fixed window per client address.</summary>
    public const string Calculations = "calculations";
}
