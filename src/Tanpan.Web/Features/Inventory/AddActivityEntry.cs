using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Inputs;

namespace Tanpan.Web.Features.Inventory;

/// <summary>Adds one activity entry to an editable inventory: a quantity with its unit, or a Taipower bill's
/// time-of-use kWh. Checked with the engine before it is stored. Field paths are the form's (<c>Entry.Quantity</c>).</summary>
public static class AddActivityEntry
{
    public sealed class EntryInput
    {
        public Guid? SourceId { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public decimal? Quantity { get; set; }

        public string? Unit { get; set; }

        public string? Reference { get; set; }

        public decimal? PeakKwh { get; set; }

        public decimal? SemiPeakKwh { get; set; }

        public decimal? SaturdaySemiPeakKwh { get; set; }

        public decimal? OffPeakKwh { get; set; }

        public decimal? ContractCapacityKw { get; set; }
    }

    /// <summary>Adds an entry, or, with <paramref name="replacing"/>, corrects an existing one of the same inventory
    /// through the same checks (the audit trail keeps the values before and after).</summary>
    public static async Task<Result<ActivityEntry>> ExecuteAsync(Guid inventoryId, EntryInput e, bool bill, TanpanDb db, FactorResolver resolver, ICompanyFactors companyFactors, TimeProvider clock, CancellationToken ct, Guid? replacing = null)
    {
        var inventory = await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.Id == inventoryId, ct);
        if (inventory is null)
        {
            return InventoryErrors.NotFound(inventoryId);
        }

        if (inventory.Status is not (InventoryStatus.Draft or InventoryStatus.Returned))
        {
            return InventoryErrors.NotEditable(inventory.Status);
        }

        ActivityEntry? existing = null;
        if (replacing is { } entryId)
        {
            existing = await db.Entries.FirstOrDefaultAsync(x => x.Id == entryId && x.InventoryId == inventoryId, ct);
            if (existing is null)
            {
                return new NotFoundError("inventory.entry.not-found", "No such entry in this inventory.");
            }

            bill = existing.Kind == EntryKind.TaipowerBill;
        }

        var errors = new List<FieldError>();
        var source = e.SourceId is { } sourceId ? await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sourceId, ct) : null;
        if (source is null)
        {
            return new Invalid([new FieldError("Entry.SourceId", "choose an emission source of your register", "entry.source-required")]);
        }

        var from = ActivityInputs.Date(e.From, "Entry.From", errors, what: "the period's first day");
        var to = ActivityInputs.Date(e.To, "Entry.To", errors, what: "the period's last day");
        var reference = ActivityInputs.Text(e.Reference, "Entry.Reference", 100, errors);
        decimal quantity = 0;
        string unit;
        if (bill)
        {
            if (ActivityId.KindOf(source.Activity) != ActivityKind.Grid)
            {
                errors.Add(new("Entry.SourceId", "a Taipower bill belongs to a purchased-electricity source", "entry.bill-source"));
            }

            decimal?[] tou = [e.PeakKwh, e.SemiPeakKwh, e.SaturdaySemiPeakKwh, e.OffPeakKwh];
            string[] names = ["Entry.PeakKwh", "Entry.SemiPeakKwh", "Entry.SaturdaySemiPeakKwh", "Entry.OffPeakKwh"];
            if (tou.All(f => f is null))
            {
                errors.Add(new("Entry.PeakKwh", "enter at least one time-of-use kWh", "entry.tou-required"));
            }

            for (var i = 0; i < tou.Length; i++)
            {
                ActivityInputs.Quantity(tou[i], names[i], errors, required: false);
            }

            ActivityInputs.Quantity(e.ContractCapacityKw, "Entry.ContractCapacityKw", errors, required: false);
            if (errors.Count == 0)
            {
                var taipower = new TaipowerBill(new ActivityPeriod(from!.Value, to!.Value), e.PeakKwh ?? 0, e.SemiPeakKwh ?? 0, e.SaturdaySemiPeakKwh ?? 0, e.OffPeakKwh ?? 0, e.ContractCapacityKw);
                foreach (var error in taipower.Validate())
                {
                    errors.Add(error with { Path = "Entry." + char.ToUpperInvariant(error.Path[0]) + error.Path[1..].Replace("period.to", "To", StringComparison.Ordinal) });
                }

                quantity = taipower.TotalKwh;
            }

            unit = Units.KilowattHour.Code;
        }
        else
        {
            quantity = ActivityInputs.Quantity(e.Quantity, "Entry.Quantity", errors) ?? 0;
            unit = ActivityInputs.Unit(e.Unit, "Entry.Unit", errors)?.Code ?? string.Empty;
        }

        if (errors.Count == 0)
        {
            var checks = InventoryWorkbook.Validate([(source, quantity, unit, new ActivityPeriod(from!.Value, to!.Value))], inventory.Year, resolver, await companyFactors.LoadAsync(ct));
            foreach (var error in checks.GetValueOrDefault(0) ?? [])
            {
                var field = error.Path switch { "period.to" => "To", "quantity" => "Quantity", "unit" => "Unit", _ => "SourceId" };
                errors.Add(error with { Path = "Entry." + field });
            }
        }

        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }

        var entry = existing ?? new ActivityEntry
        {
            Id = Guid.NewGuid(),
            InventoryId = inventoryId,
            Unit = unit,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        Fill(entry, source, bill, from!.Value, to!.Value, quantity, unit, reference, e);
        if (existing is null)
        {
            db.Entries.Add(entry);
        }

        await db.SaveChangesAsync(ct);
        return entry;
    }

    private static void Fill(ActivityEntry entry, EmissionSource source, bool bill, DateOnly from, DateOnly to, decimal quantity, string unit, string? reference, EntryInput e)
    {
        // Set field by field, so that on a correction EF sees (and the audit trail records) only what changed.
        entry.SourceId = source.Id;
        entry.Kind = bill ? EntryKind.TaipowerBill : KindOf(source.Activity);
        entry.PeriodFrom = from;
        entry.PeriodTo = to;
        entry.Quantity = quantity;
        entry.Unit = unit;
        entry.PeakKwh = bill ? e.PeakKwh : null;
        entry.SemiPeakKwh = bill ? e.SemiPeakKwh : null;
        entry.SaturdaySemiPeakKwh = bill ? e.SaturdaySemiPeakKwh : null;
        entry.OffPeakKwh = bill ? e.OffPeakKwh : null;
        entry.ContractCapacityKw = bill ? e.ContractCapacityKw : null;
        entry.Reference = reference;
    }

    public static EntryKind KindOf(string activity) => ActivityId.KindOf(activity) switch
    {
        ActivityKind.Refrigerant => EntryKind.RefrigerantRefill,
        ActivityKind.Fuel => EntryKind.FuelPurchase,
        _ => EntryKind.Manual,
    };
}

/// <summary>Removes one entry from an editable inventory. Needs no calculation, so an entry that no longer
/// calculates (a bad value stored before the limits) can always be removed.</summary>
public static class DeleteActivityEntry
{
    public static async Task<Result<bool>> ExecuteAsync(Guid inventoryId, Guid entryId, TanpanDb db, CancellationToken ct)
    {
        var inventory = await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.Id == inventoryId, ct);
        if (inventory is null)
        {
            return InventoryErrors.NotFound(inventoryId);
        }

        if (inventory.Status is not (InventoryStatus.Draft or InventoryStatus.Returned))
        {
            return InventoryErrors.NotEditable(inventory.Status);
        }

        var entry = await db.Entries.FirstOrDefaultAsync(e => e.Id == entryId && e.InventoryId == inventoryId, ct);
        if (entry is null)
        {
            return new NotFoundError("inventory.entry.not-found", "No such entry in this inventory.");
        }

        db.Entries.Remove(entry);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
