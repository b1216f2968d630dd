namespace Tanpan.Web.Platform.Tenancy;

/// <summary>The company the current request acts for. Empty for anonymous requests, which see no tenant rows.</summary>
public sealed class TenantContext
{
    public Guid CompanyId { get; private set; }

    public bool IsAuthenticated => CompanyId != Guid.Empty;

    public void SetCompany(Guid companyId)
    {
        if (IsAuthenticated && companyId != CompanyId)
        {
            throw new InvalidOperationException("The tenant of a request cannot change once set.");
        }

        CompanyId = companyId;
    }
}
