using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Footprint;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Products.Pages;

/// <summary>A product: its PCR information and data period, its BOM (imported all or nothing, or line by line, or
/// derived by allocation and scenarios) and its footprint under the PCR — by stage, the largest lines, primary-data
/// share, data quality, the Monte Carlo distribution and every PCR rule with its numbers; locked versions are shown
/// from their verified records. The BOM handlers are in <c>Detail.Bom.cs</c>, the derived lines in
/// <c>Detail.Derived.cs</c>.</summary>
[Authorize(Policy = PermissionNames.ProductsRead)]
public sealed partial class DetailModel(TanpanDb db, Engine.Factors.FactorResolver resolver, ICompanyFactors companyFactors, Data.PcrCatalogs pcrs, Platform.Tenancy.TenantScope tenant, TimeProvider clock, ISiteActivityTotals siteTotals) : FormPage
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public Product Product { get; private set; } = null!;

    public Pcr Pcr { get; private set; } = null!;

    /// <summary>The product's current BOM rows (ids for the edit forms).</summary>
    public IReadOnlyList<BomLine> Lines { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Information { get; private set; } = new Dictionary<string, string>();

    /// <summary>What the page shows: the live draft, or the locked version asked for (<c>?version=N</c>).</summary>
    public StoredProductFootprint? Record { get; private set; }

    public string? RecordHash { get; private set; }

    /// <summary>The locked version shown, when one was asked for.</summary>
    public int? ShownVersion { get; private set; }

    /// <summary>The asked-for locked version no longer hashes to its hash: it is not shown.</summary>
    public bool Altered { get; private set; }

    public IReadOnlyList<(ProductFootprintVersion Row, bool Intact)> Versions { get; private set; } = [];

    public IReadOnlyList<FieldError> CalculationErrors { get; private set; } = [];

    public IReadOnlyList<FieldError> ImportErrors { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public bool CanLock { get; private set; }

    /// <summary>The base product and its what-if variants with their results, side by side (this one included).</summary>
    public IReadOnlyList<(Product Product, FootprintResponse? Result)> Variants { get; private set; } = [];

    private FootprintResult? live;

    private PcrCatalog catalog = null!;

    /// <summary>The engine with the company's own factors (<c>custom.&lt;code&gt;</c>) for this request.</summary>
    private FootprintCalculator calculator = null!;

    /// <summary>The company's factors, for the activity chooser; those a supplier declared count as primary data.</summary>
    public IReadOnlyList<CompanyFactorInfo> CompanyFactorList { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int? version, CancellationToken ct) => await LoadAsync(id, ct, version) ? Page() : NotFound();

    public IActionResult OnGetTemplate() => File(BomSheet.Template(), XlsxType, "tanpan-bom-template.xlsx");

    /// <summary>The CFP study report (PDF) in the reader's language (<c>?lang=en</c> for English), of the draft or of
    /// a locked version (<c>&amp;version=N</c>).</summary>
    public async Task<IActionResult> OnGetReportAsync(Guid id, int? version, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct, version))
        {
            return NotFound();
        }

        if (Record is null || RecordHash is null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var name = version is { } v ? $"tanpan-cfp-report-{Product.Id}-v{v}.pdf" : $"tanpan-cfp-report-{Product.Id}.pdf";
        return File(FootprintReportPdf.Render(Record, catalog.Find(Record.Product.PcrId, Record.Product.PcrVersion), RecordHash, clock.GetUtcNow().UtcDateTime, Language.Of(HttpContext)), "application/pdf", name);
    }

    /// <summary>Locks the current footprint as the next version: only a footprint that passes its PCR, and only by a
    /// reviewer or the company admin. The draft stays editable; the version never changes.</summary>
    public async Task<IActionResult> OnPostLockAsync(Guid id, string? note, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.ProductsLock))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (note?.Trim().Length > 1000)
        {
            AddError("note", HttpContext.T("說明請在 1000 字以內", "the note is up to 1000 characters"));
        }

        if (live is null)
        {
            AddError("lock", HttpContext.T("尚無法計算，不能鎖定。", "The footprint does not calculate yet, so it cannot be locked."));
        }
        else if (live.PcrCheck is { Passed: false } check)
        {
            var failed = string.Join(HttpContext.T("、", ", "), check.Rules.Where(r => r.Status == RuleStatus.Fail).Select(r => HttpContext.Name("rule", r.Id)));
            AddError("lock", HttpContext.T($"未通過產品類別規則，不能鎖定：{failed}", $"The footprint fails its PCR and cannot be locked: {failed}"));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = Errors.ContainsKey("note") ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return Page();
        }

        var next = (await db.ProductFootprints.Where(v => v.ProductId == id).MaxAsync(v => (int?)v.Version, ct) ?? 0) + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        var by = User.Identity?.Name;
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == tenant.CompanyId, ct);
        var record = ProductFootprints.Build(company.Name, Product, Information, Pcr, Lines, live!, new StoredLock(by, now, string.IsNullOrWhiteSpace(note) ? null : note.Trim()), next);
        var (json, hash) = CanonicalJson.Seal(record);
        db.ProductFootprints.Add(new ProductFootprintVersion
        {
            Id = Guid.NewGuid(), ProductId = id, Version = next, SchemaVersion = record.SchemaVersion, TotalKgCo2e = record.Result.TotalKgCo2e,
            RecordJson = json, RecordHash = hash, LockedBy = by, LockedAtUtc = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two reviewers locked at once: the unique (product, version) index let one through.
            AddError("lock", HttpContext.T("另一位使用者剛鎖定了新版本；請重新整理。", "Someone else just locked a version; reload the page."));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectDone($"/products/{id}?version={next}", $"已鎖定第 {next} 版。", $"Version {next} was locked.");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct, int? version = null)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        catalog = await pcrs.GetAsync(ct);
        if (product is null || catalog.Latest(product.PcrId) is not { } pcr)
        {
            return false;
        }

        Product = product;
        Pcr = pcr;
        CanEdit = PermissionHandler.Holds(User, Permission.ProductsWrite);
        CanLock = PermissionHandler.Holds(User, Permission.ProductsLock);
        calculator = new FootprintCalculator(new Engine.Inventory.InventoryCalculator(resolver.WithCustomFactors(await companyFactors.LoadAsync(ct))));
        CompanyFactorList = await companyFactors.ListAsync(ct);
        Lines = await db.BomLines.AsNoTracking().Where(l => l.ProductId == id).OrderBy(l => l.Position).ToListAsync(ct);
        // A line on a supplier's factor without ratings of its own rates as the supplier's footprint did (whole grades,
        // as a line is rated); in memory only, so the line's own entry stays what was entered.
        foreach (var line in Lines.Where(l => l.Activity is not null && l.TechnologicalDqr is null && l.TemporalDqr is null && l.GeographicalDqr is null))
        {
            if (CompanyFactorList.FirstOrDefault(f => f.Activity == line.Activity) is { TechnologicalDqr: { } ter, TemporalDqr: { } tir, GeographicalDqr: { } ger })
            {
                (line.TechnologicalDqr, line.TemporalDqr, line.GeographicalDqr) = (Grade(ter), Grade(tir), Grade(ger));
            }
        }

        Information = JsonSerializer.Deserialize<Dictionary<string, string>>(product.InformationJson) ?? [];
        if (CanEdit && version is null)
        {
            await LoadDerivationChoicesAsync(ct);
        }

        if (Request.Method == HttpMethods.Get)
        {
            Info = Information.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
            DataFrom = product.DataFrom;
            DataTo = product.DataTo;
            DataJustification = product.DataJustification;
        }

        var rows = await db.ProductFootprints.AsNoTracking().Where(v => v.ProductId == id).OrderByDescending(v => v.Version).ToListAsync(ct);
        Versions = [.. rows.Select(r => (r, ProductFootprints.Read(r) is not null))];
        if (version is { } asked)
        {
            if (rows.FirstOrDefault(r => r.Version == asked) is not { } row)
            {
                return false;
            }

            ShownVersion = asked;
            Record = ProductFootprints.Read(row);
            Altered = Record is null;
            Pcr = Record is null ? Pcr : catalog.Find(Record.Product.PcrId, Record.Product.PcrVersion) ?? Pcr;
            RecordHash = Record is null ? null : row.RecordHash;
        }
        else if (Lines.Count > 0)
        {
            var companyName = (await db.Companies.AsNoTracking().FirstAsync(c => c.Id == tenant.CompanyId, ct)).Name;
            var (result, errors) = Calculate(product, pcr, Lines);
            live = result;
            CalculationErrors = errors;
            if (result is not null)
            {
                Record = ProductFootprints.Build(companyName, product, Information, pcr, Lines, result, null, 0);
                RecordHash = CanonicalJson.Seal(Record).Hash;
            }
        }

        var baseId = product.VariantOf ?? product.Id;
        var family = await db.Products.AsNoTracking().Where(x => x.Id == baseId || x.VariantOf == baseId).OrderBy(x => x.CreatedAtUtc).ToListAsync(ct);
        if (family.Count > 1)
        {
            var variants = new List<(Product, FootprintResponse?)>();
            foreach (var member in family)
            {
                if (member.Id == product.Id && version is null)
                {
                    variants.Add((member, Record?.Result));
                    continue;
                }

                var memberLines = await db.BomLines.AsNoTracking().Where(l => l.ProductId == member.Id).OrderBy(l => l.Position).ToListAsync(ct);
                var (calculated, _) = memberLines.Count == 0 || catalog.Latest(member.PcrId) is not { } memberPcr ? (null, []) : Calculate(member, memberPcr, memberLines, monteCarlo: false);
                variants.Add((member, calculated is null ? null : FootprintResponse.From(calculated)));
            }

            Variants = variants;
        }

        return true;
    }

    /// <summary>The product's footprint with the Monte Carlo analysis when any line states an uncertainty.</summary>
    private (FootprintResult? Result, IReadOnlyList<FieldError> Errors) Calculate(Product product, Pcr pcr, IReadOnlyList<BomLine> lines, bool monteCarlo = true)
    {
        var supplierDeclared = CompanyFactorList.Where(f => f.Supplier is not null).Select(f => f.Activity).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var request = ProductSystem.Build(product, pcr, lines, ProductSystem.FactorYear(product, clock.GetUtcNow().UtcDateTime), supplierDeclared);
        if (!request.Succeeded)
        {
            return (null, request.Errors);
        }

        var body = monteCarlo && lines.Any(l => l.UncertaintyGsd is > 1m) ? request.Value with { MonteCarlo = StoredProductFootprint.MonteCarlo } : request.Value;
        var outcome = calculator.Calculate(body);
        return outcome.Succeeded ? (outcome.Value, []) : (null, outcome.Errors);
    }

    private static int Grade(decimal rating) => (int)Math.Clamp(Math.Round(rating, MidpointRounding.AwayFromZero), 1, 5);
}
