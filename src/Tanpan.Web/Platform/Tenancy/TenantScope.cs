namespace Tanpan.Web.Platform.Tenancy;

/// <summary>Who a unit of work acts as: which company's rows it may see and change, and the actor written to the
/// audit trail. The request pipeline enters it from the request's one principal; a background worker (MQTT
/// consumer, PACT callback sender, report job) enters it for the company it works for. EF's query filter and
/// save interceptors read only this, never the HTTP context, so the same rules hold inside and outside requests.</summary>
public sealed class TenantScope
{
    public Guid CompanyId { get; private set; }

    /// <summary>True when a company has been entered; without one, tenant rows are invisible and cannot be saved.</summary>
    public bool HasCompany => CompanyId != Guid.Empty;

    /// <summary>The name recorded in the audit trail (user name, <c>api-key:&lt;prefix&gt;</c>, worker name).</summary>
    public string Actor { get; private set; } = "anonymous";

    public PrincipalKind Kind { get; private set; } = PrincipalKind.Anonymous;

    /// <summary>Enters the scope once. Entering another company later is a defect (a request or job never changes
    /// tenant), so it throws instead of silently switching.</summary>
    public void Enter(Guid? companyId, string actor, PrincipalKind kind)
    {
        if (Kind != PrincipalKind.Anonymous && (companyId ?? Guid.Empty) != CompanyId)
        {
            throw new InvalidOperationException("The tenant of a unit of work cannot change once entered.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        CompanyId = companyId ?? Guid.Empty;
        Actor = actor;
        Kind = kind;
    }
}

public enum PrincipalKind
{
    Anonymous,

    /// <summary>A person signed in with the cookie.</summary>
    User,

    /// <summary>A system calling with an <c>X-Api-Key</c>.</summary>
    ApiKey,

    /// <summary>A background worker acting for a company.</summary>
    System,
}
