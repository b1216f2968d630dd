using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Footprint;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Jobs;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Exposure;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Features.Products;
using Tanpan.Web.Features.Reduction;
using Tanpan.Web.Features.WorkOrders;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Host;

/// <summary>The demo company's data, so that a newcomer sees every page populated: one facility with its source
/// register, a locked 2023 base year, a full 2024 inventory (twelve Taipower bills, fuels, a refrigerant refill,
/// scope-3 items, the significance assessment) and twenty work orders over three months, one certified. Everything
/// goes through the same use cases as a person's input (validation, records, hashes, audit), entered by a named
/// clerk and approved by a named reviewer. The numbers are invented but plausible for a 50-person machine shop.</summary>
public static class DemoData
{
    public const string ClerkEmail = "demo-clerk@tanpan.local";
    public const string ReviewerEmail = "demo-reviewer@tanpan.local";

    // Declared before UserTexts, which reads it during static initialisation.
    private static readonly (string Name, Engine.Reduction.MeasureKind Kind, decimal Capex, decimal Opex, decimal Savings, decimal Tonnes, int Start, int Lifetime, int Ramp, string Basis)[] DemoMeasures =
    [
        ("空壓機變頻與洩漏改善", Engine.Reduction.MeasureKind.EquipmentEfficiency, 1_200_000m, 0m, 420_000m, 55m, 2025, 10, 0, "節能診斷報告：年省約 116,000 度"),
        ("LED 照明汰換", Engine.Reduction.MeasureKind.EquipmentEfficiency, 600_000m, -20_000m, 180_000m, 24m, 2025, 12, 0, "照明廠商報價"),
        ("導入 ISO 50001 能源管理系統", Engine.Reduction.MeasureKind.EnergyManagementIso50001, 800_000m, 150_000m, 500_000m, 60m, 2026, 10, 2, "顧問報價；工業局節能率 2.5 %/年"),
        ("主要耗能設備智慧電表監測", Engine.Reduction.MeasureKind.SmartMonitoring, 900_000m, 60_000m, 300_000m, 35m, 2026, 8, 0, "系統整合商報價"),
        ("柴油堆高機電動化", Engine.Reduction.MeasureKind.FuelSwitch, 1_500_000m, -30_000m, 120_000m, 18m, 2027, 10, 0, "車輛廠商報價"),
        ("屋頂太陽光電 500 kWp 自發自用", Engine.Reduction.MeasureKind.GreenPower, 25_000_000m, 250_000m, 2_100_000m, 300m, 2027, 20, 0, "年發電約 650,000 度"),
        ("購買再生能源憑證 200 張", Engine.Reduction.MeasureKind.GreenPower, 0m, 1_000_000m, 0m, 95m, 2026, 5, 0, "T-REC 報價約 5,000 元/張（1 MWh）"),
    ];

    /// <summary>Names the demo enters, in Chinese only (as a Taiwanese clerk would): user data, not interface text.</summary>
    public static readonly IReadOnlyList<string> UserTexts =
    [
        "台中一廠", "台中市西屯區工業區三十八路 100 號", "一廠台電用電（高壓）", "緊急發電機", "堆高機", "公務車", "辦公室及機房冷氣",
        "熱處理爐", "鋼材進貨運輸", "鋼板採購", "自來水", "一般事業廢棄物焚化", "員工通勤（機車）", "生產管理課 林小姐", "廠務課 陳先生",
        "精密主軸套筒", "導螺桿", "鎳電鍍外包件", "2023 年基準年盤查，數據經內部查核。", "排放量大且可取得供應商或帳單數據", "排放量小，暫不量化", "台中精機股份有限公司", "示範精密機械股份有限公司 (Demo Precision Machinery)",
        "示範車床 NP20", "Vturn-NP20", "數值控制臥式車床", "FANUC Oi-TF Plus", "床台鑄件", "台中鑄造", "主軸馬達", "東元電機", "刀塔組", "刀塔本體鋼材", "中鋼", "組裝測試用電", "潤滑油", "供應商 EPD 2024",
        "一廠總表", "CNC 車床線", "熱處理線", "公用與辦公", .. Features.Portal.PortalDemo.UserTexts,
        .. DemoMeasures.Select(m => m.Name), .. DemoMeasures.Select(m => m.Basis),
    ];

    public static async Task SeedAsync(IServiceProvider services, Guid companyId, TimeProvider clock, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<TanpanDb>();
        if (await db.Inventories.IgnoreQueryFilters().AnyAsync(i => i.CompanyId == companyId, ct))
        {
            return;
        }

        provider.GetRequiredService<TenantScope>().Enter(companyId, ClerkEmail, PrincipalKind.System);
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        await ColleagueAsync(users, ClerkEmail, "林小姐", companyId, Roles.DataClerk, clock);
        await ColleagueAsync(users, ReviewerEmail, "陳經理", companyId, Roles.Reviewer, clock);

        var resolver = provider.GetRequiredService<FactorResolver>();
        var factors = provider.GetRequiredService<ICompanyFactors>();
        var now = clock.GetUtcNow().UtcDateTime;
        var facility = new Facility { Id = Guid.NewGuid(), Name = "台中一廠", Address = "台中市西屯區工業區三十八路 100 號", CreatedAtUtc = now };
        db.Facilities.Add(facility);
        EmissionSource Source(string category, string activity, string description, string? use = null, string? meter = null, string? owner = null,
            MeasurementKind measurement = MeasurementKind.PeriodicOrInvoiced, CalibrationKind calibration = CalibrationKind.InternalOrAudited, decimal? adPercent = null, decimal? efPercent = null)
        {
            var source = new EmissionSource
            {
                Id = Guid.NewGuid(), FacilityId = facility.Id, Category = category, Activity = activity, Description = description, Use = use, MeterNumber = meter, DataOwner = owner ?? "生產管理課 林小姐",
                Measurement = measurement, Calibration = calibration, ActivityUncertaintyPercent = adPercent, FactorUncertaintyPercent = efPercent, CreatedAtUtc = now,
            };
            db.Sources.Add(source);
            return source;
        }

        // Taipower's meter is calibrated by Taipower (external); the bills are read monthly. IPCC-style bounds for the demo.
        var grid = Source("2.1", "electricity.grid.tw", "一廠台電用電（高壓）", meter: "07-12-3456-78", owner: "廠務課 陳先生", calibration: CalibrationKind.External, adPercent: 2m, efPercent: 5m);
        var generator = Source("1.1", "fuel.diesel", "緊急發電機", use: "stationary", owner: "廠務課 陳先生", adPercent: 5m, efPercent: 2m);
        var furnace = Source("1.1", "fuel.natural-gas", "熱處理爐", use: "stationary", owner: "廠務課 陳先生", measurement: MeasurementKind.Continuous, calibration: CalibrationKind.External, adPercent: 1m, efPercent: 3m);
        var forklift = Source("1.2", "fuel.diesel", "堆高機", use: "mobile");
        var car = Source("1.2", "fuel.gasoline", "公務車", use: "mobile");
        var aircon = Source("1.4", "refrigerant.R-410A", "辦公室及機房冷氣", owner: "廠務課 陳先生");
        var freight = Source("3.1", "transport.freight_truck_heavy_commercial_diesel", "鋼材進貨運輸");
        var commuting = Source("3.3", "transport.scooter_motorcycle_petrol", "員工通勤（機車）", measurement: MeasurementKind.Estimated, calibration: CalibrationKind.None);
        var steel = Source("4.1", "material.steel_plate_tw", "鋼板採購");
        var water = Source("4.1", "material.tap_water_TWC_2020", "自來水");
        var waste = Source("4.3", "waste.waste_incineration_gangshan_tw", "一般事業廢棄物焚化");
        await db.SaveChangesAsync(ct);

        async Task Add(Guid inventory, EmissionSource source, DateOnly from, DateOnly to, decimal quantity, string unit, string reference)
        {
            var added = await AddActivityEntry.ExecuteAsync(inventory, new AddActivityEntry.EntryInput { SourceId = source.Id, From = from, To = to, Quantity = quantity, Unit = unit, Reference = reference }, false, db, resolver, factors, clock, ct);
            Check(added.Succeeded, $"demo entry {source.Description} {from}");
        }

        async Task Bills(Guid inventory, int year, decimal scale)
        {
            for (var month = 1; month <= 12; month++)
            {
                // Summer months (June–September) run the chillers; peak kWh follow.
                var summer = month is >= 6 and <= 9 ? 1.18m : 1m;
                var from = new DateOnly(year, month, 1);
                var bill = new AddActivityEntry.EntryInput
                {
                    SourceId = grid.Id, From = from, To = from.AddMonths(1).AddDays(-1), ContractCapacityKw = 450,
                    PeakKwh = Math.Round(41_200m * summer * scale), SemiPeakKwh = Math.Round(18_600m * scale), SaturdaySemiPeakKwh = Math.Round(6_300m * scale), OffPeakKwh = Math.Round(52_800m * scale),
                    Reference = $"TP{year}{month:00}-0712",
                };
                var added = await AddActivityEntry.ExecuteAsync(inventory, bill, true, db, resolver, factors, clock, ct);
                Check(added.Succeeded, $"demo bill {year}-{month}");
            }
        }

        // 2023: the base year, entered, submitted by the clerk and approved (locked) by the reviewer.
        var baseYear = new InventoryRecord { Id = Guid.NewGuid(), Year = 2023, Boundary = BoundaryApproach.OperationalControl, BaseYear = 2023, CreatedAtUtc = now };
        db.Inventories.Add(baseYear);
        await db.SaveChangesAsync(ct);
        await Bills(baseYear.Id, 2023, 1.06m);
        for (var quarter = 0; quarter < 4; quarter++)
        {
            var from = new DateOnly(2023, quarter * 3 + 1, 1);
            await Add(baseYear.Id, forklift, from, from.AddMonths(3).AddDays(-1), 1_450m, "L", $"CPC-2023-Q{quarter + 1}");
            await Add(baseYear.Id, furnace, from, from.AddMonths(3).AddDays(-1), 9_800m, "m3", $"GAS-2023-Q{quarter + 1}");
            await Add(baseYear.Id, freight, from, from.AddMonths(3).AddDays(-1), 19_400m, "tkm", $"TRK-2023-Q{quarter + 1}");
            await Add(baseYear.Id, steel, from, from.AddMonths(3).AddDays(-1), 104m, "t", $"PO-2023-Q{quarter + 1}");
            await Add(baseYear.Id, waste, from, from.AddMonths(3).AddDays(-1), 3.6m, "t", $"WST-2023-Q{quarter + 1}");
            await Add(baseYear.Id, water, from, from.AddMonths(3).AddDays(-1), 1_950m, "m3", $"TWC-2023-Q{quarter + 1}");
        }

        await Add(baseYear.Id, commuting, new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), 425_000m, "pkm", "HR-2023");

        await Add(baseYear.Id, generator, new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), 380m, "L", "GEN-2023");
        await Add(baseYear.Id, car, new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), 2_150m, "L", "CAR-2023");
        await Add(baseYear.Id, aircon, new DateOnly(2023, 7, 12), new DateOnly(2023, 7, 12), 4.5m, "kg", "AC-2023-07");
        await Transition(baseYear.Id, InventoryAction.Submit, ClerkEmail, null);
        await Transition(baseYear.Id, InventoryAction.Approve, ReviewerEmail, "2023 年基準年盤查，數據經內部查核。");

        // 2024: the full year, still a draft for the clerk to finish.
        var current = new InventoryRecord { Id = Guid.NewGuid(), Year = 2024, Boundary = BoundaryApproach.OperationalControl, BaseYear = 2023, CreatedAtUtc = now };
        db.Inventories.Add(current);
        await db.SaveChangesAsync(ct);
        await Bills(current.Id, 2024, 1m);
        for (var quarter = 0; quarter < 4; quarter++)
        {
            var from = new DateOnly(2024, quarter * 3 + 1, 1);
            var to = from.AddMonths(3).AddDays(-1);
            await Add(current.Id, forklift, from, to, 1_380m - quarter * 20m, "L", $"CPC-2024-Q{quarter + 1}");
            await Add(current.Id, furnace, from, to, 9_350m + quarter * 120m, "m3", $"GAS-2024-Q{quarter + 1}");
            await Add(current.Id, freight, from, to, 18_600m, "tkm", $"TRK-2024-Q{quarter + 1}");
            await Add(current.Id, steel, from, to, 96m + quarter * 4m, "t", $"PO-2024-Q{quarter + 1}");
            await Add(current.Id, waste, from, to, 3.2m, "t", $"WST-2024-Q{quarter + 1}");
        }

        for (var month = 1; month <= 12; month += 2)
        {
            var from = new DateOnly(2024, month, 1);
            await Add(current.Id, water, from, from.AddMonths(2).AddDays(-1), 1_240m, "m3", $"TWC-2024-{month:00}");
        }

        await Add(current.Id, generator, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 320m, "L", "GEN-2024");
        await Add(current.Id, car, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 1_980m, "L", "CAR-2024");
        await Add(current.Id, aircon, new DateOnly(2024, 8, 5), new DateOnly(2024, 8, 5), 3m, "kg", "AC-2024-08");
        await Add(current.Id, commuting, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 412_000m, "pkm", "HR-2024");
        foreach (var category in Engine.Inventory.SignificanceScores.Categories)
        {
            var (m, i, r, s) = category.Code switch
            {
                "3.1" => (4, 3, 3, 3),
                "4.1" => (5, 3, 4, 4),
                "4.3" => (3, 3, 3, 3),
                "3.3" => (3, 2, 2, 3),
                _ => (1, 1, 1, 1),
            };
            var scores = new Engine.Inventory.SignificanceScores(m, i, r, s);
            db.Significance.Add(new SignificanceAssessment
            {
                Id = Guid.NewGuid(), InventoryId = current.Id, Category = category.Code, Magnitude = m, LevelOfInfluence = i, RiskOrOpportunity = r, StakeholderConcern = s,
                Significant = scores.IsSignificant(current.SignificanceThreshold),
                Rationale = scores.IsSignificant(current.SignificanceThreshold) ? "排放量大且可取得供應商或帳單數據" : "排放量小，暫不量化",
            });
        }

        await db.SaveChangesAsync(ct);
        await WorkOrdersAsync(db, provider, clock, ct);
        await ProductAsync(db, provider, companyId, now, ct);
        await MetersAsync(db, provider, companyId, facility.Id, clock, ct);
        await ReductionAsync(db, now, ct);
        // A steel part sold to an EU and a US machine builder: supplier-measured SEE, so the exposure page has a good.
        db.ExposureGoods.Add(new ExposureGood
        {
            Id = Guid.NewGuid(), Name = "精密主軸套筒", CnCode = "73269098", SeeDirectTPerT = 2.1m, SeeIndirectTPerT = 0.4m, EuTonnesPerYear = 120m, UsTonnesPerYear = 80m, UsBaselineTPerT = 1.6m, CreatedAtUtc = now,
        });
        await db.SaveChangesAsync(ct);

        async Task Transition(Guid id, InventoryAction action, string actor, string? comment)
        {
            var done = await TransitionInventory.ExecuteAsync(id, action, new WorkflowActor(actor, true, true, true), comment, db, resolver, factors, clock, ct);
            Check(done.Succeeded, $"demo inventory {action}");
        }
    }

    /// <summary>A main meter with two line sub-meters and the rest as a virtual meter, with the last 24 hours of
    /// 15-minute counter readings (a day shift heavier than the night), so the energy pages show a day.</summary>
    private static async Task MetersAsync(TanpanDb db, IServiceProvider provider, Guid companyId, Guid facilityId, TimeProvider clock, CancellationToken ct)
    {
        var register = provider.GetRequiredService<Platform.Contracts.ISiteRegister>();
        var ingestion = provider.GetRequiredService<Features.Meters.MeterIngestion>();
        async Task Meter(string code, string name, string? parent, string? line, string kind = "Physical", string? formula = null, decimal? alarmKw = null)
        {
            var saved = await Features.Meters.SaveMeter.ExecuteAsync(
                new Features.Meters.MeterRequest(code, name, facilityId, kind, "Electricity", "kWh", kind == "Virtual" ? "Interval" : "Counter", 15, "Asia/Taipei", 1m, parent, line, null, null, null, formula, null, alarmKw),
                db, register, ingestion, clock, ct);
            Check(saved.Succeeded, $"demo meter {code}");
        }

        await Meter("MAIN", "一廠總表", null, null);
        await Meter("CNC", "CNC 車床線", "MAIN", "CNC 車床線", alarmKw: 120m);
        await Meter("HT", "熱處理線", "MAIN", "熱處理線");
        await Meter("OTHER", "公用與辦公", "MAIN", "公用與辦公", "Virtual", "+MAIN -CNC -HT");

        var now = clock.GetUtcNow().UtcDateTime;
        var end = new DateTime(now.Ticks - (now.Ticks % TimeSpan.FromMinutes(15).Ticks), DateTimeKind.Utc);
        var registers = new Dictionary<string, decimal> { ["MAIN"] = 1_250_000m, ["CNC"] = 410_000m, ["HT"] = 380_000m };
        var payloads = registers.Keys.ToDictionary(k => k, _ => new List<string>());
        for (var t = end.AddHours(-24); t <= end; t = t.AddMinutes(15))
        {
            var hour = Platform.Localization.TaipeiTime.ToTaipei(t).Hour;
            var day = hour is >= 8 and < 20;
            var cnc = day ? 24m + (t.Minute / 15 % 2 * 3m) : 6m;
            var ht = day ? 30m : 18m;
            registers["CNC"] += cnc;
            registers["HT"] += ht;
            registers["MAIN"] += cnc + ht + (day ? 9m : 4m);
            foreach (var (code, value) in registers)
            {
                payloads[code].Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""{"t":"{{t:yyyy-MM-ddTHH:mm:ss}}Z","kwh":{{value}}}"""));
            }
        }

        var incoming = payloads.Select(p => new Features.Meters.IncomingPayload(companyId, p.Key, Features.Meters.IngestChannel.Form, "demo", System.Text.Encoding.UTF8.GetBytes("{\"readings\":[" + string.Join(',', p.Value) + "]}"), IsCsv: false)).ToList();
        var outcomes = await ingestion.IngestAsync(db, incoming, quarantine: false, ct);
        Check(outcomes.All(o => o.Accepted), "demo readings");
    }

    /// <summary>A CNC lathe under the TMBA PCR with a small BOM: a casting, a supplier-declared motor (primary data),
    /// a turret sub-assembly, assembly power and lubricating oil omitted under the cut-off.</summary>
    private static async Task ProductAsync(TanpanDb db, IServiceProvider provider, Guid companyId, DateTime now, CancellationToken ct)
    {
        var product = new Product
        {
            Id = Guid.NewGuid(), Name = "示範車床 NP20", Model = "Vturn-NP20", PcrId = "tmba-cnc-lathe-2024", Boundary = "cradle-to-gate", CreatedAtUtc = now,
            InformationJson = """{"model":"Vturn-NP20","type":"數值控制臥式車床","controller":"FANUC Oi-TF Plus","swing":"600","weight":"4000"}""",
            DataFrom = new DateOnly(2024, 1, 1), DataTo = new DateOnly(2024, 12, 31),
        };
        db.Products.Add(product);
        (string No, string? Parent, string Name, string Class, decimal Quantity, string Unit, string? Activity, string? Supplier, decimal? Factor, string? FactorUnit, string? Source, bool Omitted)[] lines =
        [
            ("10", null, "床台鑄件", "main", 2600m, "kg", "material.cast_iron_general_ice2", "台中鑄造", null, null, null, false),
            ("20", null, "主軸馬達", "main", 2m, "piece", null, "東元電機", 695m, "kgCO2e/piece", "供應商 EPD 2024", false),
            ("30", null, "刀塔組", "main", 1m, "piece", null, null, null, null, null, false),
            ("30.1", "30", "刀塔本體鋼材", "main", 180m, "kg", "material.steel_plate_tw", "中鋼", null, null, null, false),
            ("40", null, "組裝測試用電", "energy", 1500m, "kWh", "electricity.grid.tw", null, null, null, null, false),
            ("50", null, "潤滑油", "consumables", 40m, "kg", "material.lubricating_oil_tw", null, null, null, null, true),
        ];
        // Uncertainty (lognormal GSD) and PACT data-quality ratings (technological, temporal, geographical) per line.
        var quality = new Dictionary<string, (decimal Gsd, int Te, int Ti, int Ge)>
        {
            ["10"] = (1.1m, 2, 2, 3), ["20"] = (1.05m, 1, 1, 1), ["30.1"] = (1.1m, 2, 2, 1), ["40"] = (1.02m, 1, 1, 1), ["50"] = (1.5m, 3, 3, 3),
        };
        var rows = new List<BomLine>();
        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i];
            var q = quality.GetValueOrDefault(l.No);
            rows.Add(new BomLine
            {
                Id = Guid.NewGuid(), ProductId = product.Id, Position = i, LineNo = l.No, Parent = l.Parent, Name = l.Name, ComponentClass = l.Class, Quantity = l.Quantity, Unit = l.Unit,
                Activity = l.Activity, Supplier = l.Supplier, FactorValue = l.Factor, FactorUnit = l.FactorUnit, FactorSource = l.Source, FactorPeriod = l.Factor is null ? null : "2024-01~2024-12", Omitted = l.Omitted,
                UncertaintyGsd = q.Gsd == 0 ? null : q.Gsd, TechnologicalDqr = q.Te == 0 ? null : q.Te, TemporalDqr = q.Ti == 0 ? null : q.Ti, GeographicalDqr = q.Ge == 0 ? null : q.Ge,
            });
        }

        db.BomLines.AddRange(rows);
        await db.SaveChangesAsync(ct);

        // The reviewer locked version 1, so the demo has a declared footprint to show, print and (later) exchange.
        var pcr = PcrLibrary.Find(product.PcrId)!;
        var request = ProductSystem.Build(product, pcr, rows, ProductSystem.FactorYear(product, now));
        var result = provider.GetRequiredService<FootprintCalculator>().Calculate(request.Value with { MonteCarlo = StoredProductFootprint.MonteCarlo });
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == companyId, ct);
        var information = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(product.InformationJson)!;
        var record = ProductFootprints.Build(company.Name, product, information, pcr, rows, result.Value, new StoredLock(ReviewerEmail, now, null), 1);
        var (json, hash) = CanonicalJson.Seal(record);
        db.ProductFootprints.Add(new ProductFootprintVersion
        {
            Id = Guid.NewGuid(), ProductId = product.Id, Version = 1, SchemaVersion = record.SchemaVersion, TotalKgCo2e = record.Result.TotalKgCo2e,
            RecordJson = json, RecordHash = hash, LockedBy = ReviewerEmail, LockedAtUtc = now,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Twenty nickel-plating work orders from October to December 2024, the first one certified.</summary>
    private static async Task WorkOrdersAsync(TanpanDb db, IServiceProvider provider, TimeProvider clock, CancellationToken ct)
    {
        var tenant = provider.GetRequiredService<TenantScope>();
        var calculator = provider.GetRequiredService<JobCalculator>();
        var products = new[] { ("精密主軸套筒", "piece", 120m), ("導螺桿", "piece", 60m), ("鎳電鍍外包件", "kg", 85m) };
        Guid? first = null;
        for (var n = 0; n < 20; n++)
        {
            var (product, unit, baseQuantity) = products[n % products.Length];
            var date = new DateOnly(2024, 10, 1).AddDays(n * 4 + n % 3);
            var scale = 1m + (n % 5) * 0.08m;
            var processes = new JobProcessDto?[]
            {
                new("前處理", [new JobInputDto("electricity.grid.tw", Math.Round(38m * scale, 1), "kWh", null, null, null), new JobInputDto("fuel.natural-gas", Math.Round(4.2m * scale, 2), "m3", null, null, null)]),
                new("電鍍", [new JobInputDto("electricity.grid.tw", Math.Round(162m * scale, 1), "kWh", null, null, null)]),
                new("後處理", [new JobInputDto("electricity.grid.tw", Math.Round(21m * scale, 1), "kWh", null, null, null), new JobInputDto("fuel.fuel-oil", Math.Round(1.6m * scale, 2), "L", null, null, null)]),
            };
            var request = new WorkOrderRequest($"SO-2024-{1001 + n / 2}", $"WO-2024-{n + 1:000}", "Ni", date, new TimeOnly(8, 30), new TimeOnly(16, 45), product,
                Math.Round(baseQuantity * scale), unit, null, unit == "piece" ? Math.Round(baseQuantity * scale) * 185m : 42_000m, 12m, null, "AR5", processes);
            var created = await CreateWorkOrder.ExecuteAsync(request, db, tenant, calculator, clock, ct);
            Check(created.Succeeded, $"demo work order {n + 1}");
            first ??= created.Value.Row.Id;
        }

        var configuration = provider.GetRequiredService<IConfiguration>();
        var certified = await CertifyWorkOrder.ExecuteAsync(first!.Value, db, tenant, configuration, clock, ct);
        Check(certified.Succeeded, "demo certificate");
    }

    /// <summary>A register a machine-tool plant of about 870 tCO2e (scopes 1+2) might keep: compressed air, lighting,
    /// ISO 50001, monitoring, electric forklifts, rooftop PV and certificates. Figures are typical quotes, not the
    /// company's; the plan keeps its defaults (base year from the inventories, 2.5 % a year).</summary>
    private static async Task ReductionAsync(TanpanDb db, DateTime now, CancellationToken ct)
    {
        foreach (var m in DemoMeasures)
        {
            db.ReductionMeasures.Add(new ReductionMeasureRecord
            {
                Id = Guid.NewGuid(), Name = m.Name, Kind = m.Kind, CapexNtd = m.Capex, AnnualOpexChangeNtd = m.Opex, AnnualSavingsNtd = m.Savings, AnnualAbatementTonnes = m.Tonnes,
                StartYear = m.Start, LifetimeYears = m.Lifetime, RampYears = m.Ramp, Basis = m.Basis, CreatedAtUtc = now, UpdatedAtUtc = now,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task ColleagueAsync(UserManager<AppUser> users, string email, string name, Guid companyId, string role, TimeProvider clock)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        // No password: these colleagues exist so the demo's review shows two people; nobody signs in as them.
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CompanyId = companyId, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        Check((await users.CreateAsync(user)).Succeeded, "demo colleague " + email);
        await users.AddToRoleAsync(user, role);
    }

    private static void Check(bool succeeded, string what)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException($"The demo data failed at {what}: the shipped demo no longer matches the rules.");
        }
    }
}
