using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Tests.Platform;

/// <summary>Everything a page shows by name has a name in both languages: every member of the enums pages print,
/// every activity the factor library resolves, every unit, every role and API scope.</summary>
public class NamesCatalogueTests
{
    public static TheoryData<Type> NamedEnums =>
    [
        typeof(Tanpan.Web.Features.Inventory.InventoryStatus), typeof(Tanpan.Web.Features.Inventory.BoundaryApproach), typeof(Tanpan.Web.Features.Inventory.EntryKind),
        typeof(Tanpan.Web.Platform.Tenancy.CompanyStatus), typeof(Tanpan.Web.Features.PublicSite.AnnouncementKind), typeof(Tanpan.Web.Features.WorkOrders.CertificateVerdict),
        typeof(Tanpan.Engine.Jobs.AllocationKey), typeof(Tanpan.Engine.Inventory.MeasurementKind), typeof(Tanpan.Engine.Inventory.CalibrationKind), typeof(Tanpan.Engine.Inventory.FactorKind),
        typeof(Tanpan.Web.Features.Portal.IndustrySector), typeof(Tanpan.Engine.Reduction.MeasureKind), typeof(Tanpan.Engine.Reduction.ProgressVerdict), typeof(Tanpan.Web.Features.Reduction.PlanBoundary), typeof(Tanpan.Web.Features.Reduction.BaseSource), typeof(Tanpan.Web.Features.Portal.VendorCategory), typeof(Tanpan.Web.Features.Portal.BudgetRange),
        typeof(Tanpan.Web.Features.Portal.MatchmakingStatus), typeof(Tanpan.Web.Features.Portal.ConsultationTopic), typeof(Tanpan.Web.Features.Portal.ConsultationStatus),
        typeof(Tanpan.Web.Features.Portal.ContactMethod), typeof(Tanpan.Web.Features.Portal.PortalNoticeKind),
    ];

    [Theory]
    [MemberData(nameof(NamedEnums))]
    public void EveryEnumMember_HasBothNames(Type type)
    {
        foreach (var member in Enum.GetNames(type))
        {
            var name = Names.Find(type.Name, member);
            Assert.True(name is { Zh.Length: > 0, En.Length: > 0 }, $"{type.Name}.{member} has no name");
        }
    }

    [Fact]
    public void EveryLibraryActivity_EveryUnit_EveryRoleScopeAndTariff_HasBothNames()
    {
        var missing = FactorLibrary.Shipped.ActivityIds.Where(a => Names.Find(Names.Activity, a) is not { Zh.Length: > 0, En.Length: > 0 })
            .Concat(Units.Catalogue.Select(u => u.Code).Where(c => Names.Find(Names.Unit, c) is null).Select(c => "unit " + c))
            .Concat(Tanpan.Web.Platform.Security.Roles.All.Where(r => Names.Find(Names.Role, r) is null).Select(r => "role " + r))
            .Concat(Tanpan.Web.Platform.Security.Permission.ApiScopes.Where(p => Names.Find(Names.Scope, p.Name) is null).Select(p => "scope " + p.Name))
            .Concat(Tanpan.Engine.Tariffs.TariffLibrary.Shipped.Ids.Where(id => Names.Find(Names.Tariff, id) is not { Zh.Length: > 0, En.Length: > 0 }).Select(id => "tariff " + id))
            .ToList();

        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void TheCatalogue_HasNoDuplicateOrEmptyName() =>
        Assert.All(Names.Keys, key => Assert.True(Names.Find(key.Kind, key.Code) is { Zh.Length: > 0, En.Length: > 0 }, $"{key.Kind} {key.Code}"));
}
