namespace Tanpan.Web.Platform.Contracts;

/// <summary>One inventory year's totals as the inventory shows them (the locked record when locked, else a live
/// calculation), in kgCO2e. <see cref="Scope2KgCo2e"/> is location-based. <see cref="Intact"/> is false when a locked
/// record no longer matches its hash; <see cref="Calculated"/> is false when the live data do not calculate.</summary>
public sealed record InventoryYearTotal(
    int Year, bool Locked, bool Intact, bool Calculated, int? BaseYear, decimal TotalKgCo2e, decimal Scope1KgCo2e, decimal Scope2KgCo2e, decimal Scope3KgCo2e, string GwpSet)
{
    /// <summary>Figures a plan or a price may rest on: they calculate, and a locked record still matches its hash.</summary>
    public bool Usable => Calculated && (!Locked || Intact);

    /// <summary>Direct plus electricity-indirect (location-based): what the carbon fee and most targets count.</summary>
    public decimal Scope1And2KgCo2e => Scope1KgCo2e + Scope2KgCo2e;
}

/// <summary>The request's company's inventory totals per year, for features that plan or price emissions (reduction
/// pathways, the carbon fee, CBAM) without reading the inventory's tables.</summary>
public interface IInventoryYearTotals
{
    /// <summary>Every inventory year of the company, oldest first.</summary>
    Task<IReadOnlyList<InventoryYearTotal>> ListAsync(CancellationToken ct);
}
