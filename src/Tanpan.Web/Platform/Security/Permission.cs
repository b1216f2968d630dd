namespace Tanpan.Web.Platform.Security;

/// <summary>One permission per action. A signed-in user holds it through a role; an API key through a scope of the
/// same name (when the action is open to systems at all). Pages and API routes check the same permission, so a
/// role means the same thing everywhere.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A permission is what it is; there is no IPermission here to confuse it with.")]
public sealed record Permission(string Name, bool OpenToApiKeys, IReadOnlyList<string> Roles)
{
    public override string ToString() => Name;

    private static readonly string[] CompanyRoles = [Security.Roles.CompanyAdmin, Security.Roles.DataClerk, Security.Roles.Reviewer, Security.Roles.Viewer];
    private static readonly string[] Editors = [Security.Roles.CompanyAdmin, Security.Roles.DataClerk];
    private static readonly string[] Reviewers = [Security.Roles.CompanyAdmin, Security.Roles.Reviewer];
    private static readonly string[] Admins = [Security.Roles.CompanyAdmin];

    public static readonly Permission InventoryRead = new(PermissionNames.InventoryRead, true, CompanyRoles);
    public static readonly Permission InventoryWrite = new(PermissionNames.InventoryWrite, true, Editors);
    public static readonly Permission InventoryReview = new(PermissionNames.InventoryReview, false, Reviewers);
    public static readonly Permission InventoryUnlock = new(PermissionNames.InventoryUnlock, false, Admins);
    public static readonly Permission AuditRead = new(PermissionNames.AuditRead, false, Reviewers);
    public static readonly Permission WorkOrdersRead = new(PermissionNames.WorkOrdersRead, true, CompanyRoles);
    public static readonly Permission WorkOrdersWrite = new(PermissionNames.WorkOrdersWrite, true, Editors);
    public static readonly Permission WorkOrdersCertify = new(PermissionNames.WorkOrdersCertify, true, [Security.Roles.CompanyAdmin, Security.Roles.DataClerk, Security.Roles.Reviewer]);
    public static readonly Permission ProductsRead = new(PermissionNames.ProductsRead, true, CompanyRoles);
    public static readonly Permission ProductsWrite = new(PermissionNames.ProductsWrite, true, Editors);
    public static readonly Permission ProductsLock = new(PermissionNames.ProductsLock, false, Reviewers);
    public static readonly Permission FactorsRead = new(PermissionNames.FactorsRead, true, CompanyRoles);
    public static readonly Permission FactorsWrite = new(PermissionNames.FactorsWrite, true, Editors);
    public static readonly Permission MetersRead = new(PermissionNames.MetersRead, true, CompanyRoles);
    public static readonly Permission MetersWrite = new(PermissionNames.MetersWrite, true, Editors);
    public static readonly Permission MetersManage = new(PermissionNames.MetersManage, false, Admins);
    public static readonly Permission ReductionRead = new(PermissionNames.ReductionRead, true, CompanyRoles);
    public static readonly Permission ReductionWrite = new(PermissionNames.ReductionWrite, true, Editors);
    public static readonly Permission ExposureRead = new(PermissionNames.ExposureRead, true, CompanyRoles);
    public static readonly Permission ExposureWrite = new(PermissionNames.ExposureWrite, false, Editors);
    public static readonly Permission ExchangeRead = new(PermissionNames.ExchangeRead, false, CompanyRoles);
    public static readonly Permission ExchangeRequest = new(PermissionNames.ExchangeRequest, false, Editors);
    public static readonly Permission ExchangePublish = new(PermissionNames.ExchangePublish, false, Reviewers);
    public static readonly Permission ExchangeManage = new(PermissionNames.ExchangeManage, false, Admins);
    public static readonly Permission UsersManage = new(PermissionNames.UsersManage, false, Admins);
    public static readonly Permission CompanyManage = new(PermissionNames.CompanyManage, false, Admins);
    public static readonly Permission ApiKeysManage = new(PermissionNames.ApiKeysManage, false, Admins);
    // The service portal: every member reads and may ask for advice (asking commits the company to nothing);
    // asking the association to contact a vendor on the company's behalf is for the people who enter its data.
    public static readonly Permission PortalRead = new(PermissionNames.PortalRead, false, CompanyRoles);
    public static readonly Permission PortalMatchmaking = new(PermissionNames.PortalMatchmaking, false, Editors);
    public static readonly Permission Operate = new(PermissionNames.Operate, false, [Security.Roles.OperatorAdmin]);

    public static readonly IReadOnlyList<Permission> All =
    [
        InventoryRead, InventoryWrite, InventoryReview, InventoryUnlock, AuditRead, WorkOrdersRead, WorkOrdersWrite, WorkOrdersCertify,
        ProductsRead, ProductsWrite, ProductsLock, FactorsRead, FactorsWrite, MetersRead, MetersWrite, MetersManage, ReductionRead, ReductionWrite, ExposureRead, ExposureWrite, ExchangeRead, ExchangeRequest, ExchangePublish, ExchangeManage, UsersManage, CompanyManage, ApiKeysManage, PortalRead, PortalMatchmaking, Operate,
    ];

    /// <summary>The scopes a company admin can give an API key.</summary>
    public static IReadOnlyList<Permission> ApiScopes { get; } = All.Where(p => p.OpenToApiKeys).ToArray();

    public static Permission? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}

/// <summary>Permission names as constants, for attributes (<c>[Authorize(Policy = PermissionNames.InventoryRead)]</c>).</summary>
public static class PermissionNames
{
    public const string InventoryRead = "inventory:read";
    public const string InventoryWrite = "inventory:write";
    public const string InventoryReview = "inventory:review";
    public const string InventoryUnlock = "inventory:unlock";
    public const string AuditRead = "audit:read";
    public const string WorkOrdersRead = "work-orders:read";
    public const string WorkOrdersWrite = "work-orders:write";
    public const string WorkOrdersCertify = "work-orders:certify";
    public const string ProductsRead = "products:read";
    public const string ProductsWrite = "products:write";
    public const string ProductsLock = "products:lock";
    public const string FactorsRead = "factors:read";
    public const string FactorsWrite = "factors:write";
    public const string MetersRead = "meters:read";
    public const string MetersWrite = "meters:write";
    public const string MetersManage = "meters:manage";
    public const string ReductionRead = "reduction:read";
    public const string ReductionWrite = "reduction:write";
    public const string ExposureRead = "exposure:read";
    public const string ExposureWrite = "exposure:write";
    public const string ExchangeRead = "exchange:read";
    public const string ExchangeRequest = "exchange:request";
    public const string ExchangePublish = "exchange:publish";
    public const string ExchangeManage = "exchange:manage";
    public const string UsersManage = "users:manage";
    public const string CompanyManage = "company:manage";
    public const string ApiKeysManage = "api-keys:manage";
    public const string PortalRead = "portal:read";
    public const string PortalMatchmaking = "portal:matchmaking";
    public const string Operate = "platform:operate";
}
