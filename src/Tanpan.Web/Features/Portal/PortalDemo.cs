using Tanpan.Engine.Reduction;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Portal;

/// <summary>The portal's demo content: cases with plausible numbers for Taiwanese SMEs (savings at about NT$ 3.5 per
/// kWh, grid factor 0.474 kgCO2e/kWh), invented vendors, notices dated around today, and two requests of the demo
/// company the operator has already answered. Catalogue rows are added once for the platform; requests once for
/// the company.</summary>
public static class PortalDemo
{
    private const string Need = "熱處理線清洗槽目前以燃油鍋爐加熱，想評估改用熱泵的可行性與補助。";

    private const string Note = "已轉介暖泉熱泵工業，廠商將於兩週內安排到廠勘查。";

    private const string Question = "歐洲客戶要求提供出口零件的內含排放，請問申報期程與需要準備的資料？";

    private const string Reply = "過渡期每季申報直接與間接排放；請先以本平台的盤查與產品碳足跡整理製程電力與燃料數據，輔導顧問將寄送檢核表。";

    /// <summary>What the demo's people wrote in the requests (Chinese only, as they would): user data, not interface
    /// text, so the language scan skips it where it is shown without a language mark (the audit trail).</summary>
    public static readonly IReadOnlyList<string> UserTexts = [Need, Note, Question, Reply];

    public static async Task SeedAsync(IServiceProvider services, Guid companyId, TimeProvider clock, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = PortalView.TodayInTaipei(clock);
        if (!await db.PortalCases.AnyAsync(ct))
        {
            db.PortalCases.AddRange(Cases(now));
            db.PortalVendors.AddRange(Vendors(now));
            db.PortalNotices.AddRange(Notices(now, today));
            await db.SaveChangesAsync(ct);
        }

        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(companyId, "demo-portal", PrincipalKind.System);
        if (await db.ConsultationRequests.AnyAsync(ct) || await db.MatchmakingRequests.AnyAsync(ct))
        {
            return;
        }

        var pattern = TechVendor.Pattern(VendorCategory.HeatPump);
        var heatPump = await db.PortalVendors.Where(v => v.Categories.Contains(pattern)).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(ct);
        if (heatPump is { } vendor)
        {
            db.MatchmakingRequests.Add(new MatchmakingRequest
            {
                Id = Guid.NewGuid(), CompanyId = companyId, VendorId = vendor, Need = Need, Site = "台中一廠",
                Budget = BudgetRange.From2mTo10m, ContactName = "廠務課 陳先生", ContactPhone = "04-2359-0000", Status = MatchmakingStatus.InProgress,
                OperatorNote = Note, CreatedBy = "demo@tanpan.local", CreatedAtUtc = now.AddDays(-9), UpdatedAtUtc = now.AddDays(-6),
            });
        }

        db.ConsultationRequests.Add(new ConsultationRequest
        {
            Id = Guid.NewGuid(), CompanyId = companyId, Topic = ConsultationTopic.Cbam, Message = Question,
            PreferredContact = ContactMethod.Email, ContactDetail = "demo@tanpan.local", Status = ConsultationStatus.Answered,
            Reply = Reply,
            CreatedBy = "demo@tanpan.local", CreatedAtUtc = now.AddDays(-20), UpdatedAtUtc = now.AddDays(-15),
        });
        await db.SaveChangesAsync(ct);
    }

    private static ReductionCase Case(DateTime now, string titleZh, string titleEn, IndustrySector sector, MeasureKind measure, string summaryZh, string summaryEn,
        decimal investment, decimal saving, decimal abatement, string? company, int year) => new()
    {
        Id = Guid.NewGuid(), TitleZh = titleZh, TitleEn = titleEn, Sector = sector, Measure = measure, SummaryZh = summaryZh, SummaryEn = summaryEn, InvestmentNtd = investment,
        AnnualSavingNtd = saving, AnnualAbatementT = abatement, CompanyName = company, Year = year, Published = true, CreatedAtUtc = now, UpdatedAtUtc = now,
    };

    private static IEnumerable<ReductionCase> Cases(DateTime now) =>
    [
        Case(now, "空壓機變頻化與管路洩漏改善", "Variable-speed air compressor and leak repair", IndustrySector.Machinery, MeasureKind.EquipmentEfficiency,
            "以一台 75 kW 變頻螺旋式空壓機取代兩台定頻機，並修補管路洩漏、將壓力由 7.5 bar 降至 6.5 bar。年省電約 17.7 萬度。",
            "One 75 kW variable-speed screw compressor replaced two fixed-speed units; leaks were repaired and pressure lowered from 7.5 to 6.5 bar. About 177,000 kWh saved a year.",
            1_800_000m, 620_000m, 83.9m, null, 2024),
        Case(now, "廠房 LED 照明汰換與分區控制", "LED retrofit with zoned lighting control", IndustrySector.MetalProducts, MeasureKind.EquipmentEfficiency,
            "850 盞金屬鹵化物燈與 T8 燈管汰換為 LED，倉儲區加裝人體感應。年省電約 15.4 萬度，維修費同時下降。",
            "850 metal-halide and T8 fittings were replaced with LEDs, with occupancy sensors in the warehouse. About 154,000 kWh saved a year, and less maintenance.",
            1_200_000m, 540_000m, 73.0m, null, 2023),
        Case(now, "工具機廠導入 ISO 50001 能源管理系統", "ISO 50001 in a machine-tool plant", IndustrySector.Machinery, MeasureKind.EnergyManagementIso50001,
            "建立能源基線與績效指標，於主要設備加裝電表，改善待機耗電與空調排程，第一年即通過驗證。年省電約 38.6 萬度。",
            "An energy baseline and indicators were set up, meters added on the main machines, standby losses and air-conditioning schedules fixed; certified in the first year. About 386,000 kWh saved a year.",
            900_000m, 1_350_000m, 183.0m, "示範精密機械股份有限公司", 2024),
        Case(now, "表面處理廠以熱泵取代燃油鍋爐加熱槽液", "Heat pumps replace an oil-fired boiler in surface treatment", IndustrySector.SurfaceTreatment, MeasureKind.FuelSwitch,
            "以三台 60 kW 熱泵供應脫脂與電鍍槽 60°C 熱水，燃料油每年減少約 95 公秉，熱泵用電約 24 萬度。",
            "Three 60 kW heat pumps now supply 60 °C water for the degreasing and plating tanks: about 95 kL of fuel oil a year less, for about 240,000 kWh of electricity.",
            3_600_000m, 1_450_000m, 181.0m, null, 2024),
        Case(now, "電子零件廠智慧電表與需量監控", "Smart metering and demand control in an electronics plant", IndustrySector.Electronics, MeasureKind.SmartMonitoring,
            "32 顆迴路電表接上能源監測平台，找出夜間空轉設備並設定需量告警，契約容量下修 80 kW。年省電約 10.8 萬度。",
            "32 circuit meters feed an energy-monitoring platform; machines idling at night were found and demand alarms set, and contract capacity cut by 80 kW. About 108,000 kWh saved a year.",
            650_000m, 380_000m, 51.2m, null, 2025),
        Case(now, "塑膠射出廠屋頂型太陽光電自發自用", "Rooftop solar for own use at a plastics moulder", IndustrySector.Plastics, MeasureKind.GreenPower,
            "於廠房屋頂設置 499 kWp 太陽光電，發電全數自用，每年約 64 萬度綠電，可作為用電大戶義務的一部分。",
            "A 499 kWp rooftop array supplies the plant directly: about 640,000 kWh of green power a year, part of the large-consumer obligation.",
            22_000_000m, 2_600_000m, 303.4m, null, 2025),
    ];

    private static TechVendor Vendor(DateTime now, string zh, string en, VendorCategory[] categories, string contact, string phone, string slug, string descriptionZh, string descriptionEn) => new()
    {
        Id = Guid.NewGuid(), NameZh = zh, NameEn = en, Categories = TechVendor.Join(categories), ContactName = contact, Phone = phone, Email = $"service@{slug}.example.com",
        Website = $"https://{slug}.example.com/", DescriptionZh = descriptionZh, DescriptionEn = descriptionEn, Listed = true, CreatedAtUtc = now,
    };

    private static IEnumerable<TechVendor> Vendors(DateTime now) =>
    [
        Vendor(now, "綠能空壓節能科技", "GreenAir Compressor Solutions", [VendorCategory.AirCompressor, VendorCategory.Monitoring], "王經理", "04-2358-1101", "greenair",
            "空壓系統診斷、變頻機汰換與洩漏檢測，提供節能量測驗證報告。", "Compressed-air audits, variable-speed replacements and leak surveys, with measured-savings reports."),
        Vendor(now, "光源節能照明", "Lumen Retrofit Lighting", [VendorCategory.Lighting], "李小姐", "02-2712-3302", "lumen",
            "工廠與倉儲 LED 汰換、照度規劃與智慧照明控制。", "LED retrofits for plants and warehouses, lighting design and smart controls."),
        Vendor(now, "暖泉熱泵工業", "Warmspring Heat Pumps", [VendorCategory.HeatPump, VendorCategory.BoilerFuelSwitch], "張工程師", "06-2611-4403", "warmspring",
            "工業熱泵取代燃油及燃氣鍋爐，適用表面處理、食品與染整製程熱水。", "Industrial heat pumps replacing oil and gas boilers for process hot water in surface treatment, food and dyeing."),
        Vendor(now, "能管家顧問", "EnergyKeeper Consulting", [VendorCategory.EnergyManagement, VendorCategory.Consulting], "陳顧問", "04-2319-5504", "energykeeper",
            "ISO 50001 與 ISO 14064-1 導入輔導、節能診斷與補助申請協助。", "ISO 50001 and ISO 14064-1 implementation, energy audits and help with subsidy applications."),
        Vendor(now, "日昇太陽能", "Sunrise Solar", [VendorCategory.Solar, VendorCategory.Storage], "林協理", "07-3355-6605", "sunrise",
            "屋頂型太陽光電與儲能系統規劃、施工與維運。", "Rooftop solar and battery storage: design, installation and operation."),
    ];

    private static IEnumerable<PortalNotice> Notices(DateTime now, DateOnly today) =>
    [
        new() { Id = Guid.NewGuid(), Kind = PortalNoticeKind.Subsidy, TitleZh = "中小型製造業節能設備汰換補助", TitleEn = "Energy-efficient equipment subsidy for small manufacturers",
            BodyZh = "汰換空壓機、照明、馬達或導入能源監測者，補助設備費用最高 50%，每案上限 100 萬元。", BodyEn = "Up to 50% of the equipment cost, at most NT$ 1 million a project, for replacing compressors, lighting or motors or adding energy monitoring.",
            Date = today.AddDays(45), Link = "https://example.com/subsidy/equipment", PublishedAtUtc = now.AddDays(-5) },
        new() { Id = Guid.NewGuid(), Kind = PortalNoticeKind.Training, TitleZh = "ISO 14064-1 溫室氣體盤查實務班", TitleEn = "ISO 14064-1 inventory workshop",
            BodyZh = "兩天課程，以本平台實際操作盤查登錄、排放係數與不確定性評估。", BodyEn = "Two days, hands-on with this platform: activity data, emission factors and uncertainty.",
            Date = today.AddDays(20), Location = "台中市工業區服務中心", Link = "https://example.com/training/14064", PublishedAtUtc = now.AddDays(-3) },
        new() { Id = Guid.NewGuid(), Kind = PortalNoticeKind.Training, TitleZh = "產品碳足跡與歐盟 CBAM 申報說明會", TitleEn = "Product footprints and EU CBAM reporting",
            BodyZh = "說明 ISO 14067 產品碳足跡計算與 CBAM 內含排放申報，線上直播。", BodyEn = "ISO 14067 product footprints and CBAM embedded-emission reports, streamed online.",
            Date = today.AddDays(60), Location = "線上", PublishedAtUtc = now.AddDays(-1) },
        new() { Id = Guid.NewGuid(), Kind = PortalNoticeKind.Subsidy, TitleZh = "空壓系統節能診斷補助", TitleEn = "Compressed-air audit subsidy",
            BodyZh = "由公會委託顧問到廠進行空壓系統診斷，費用全額補助。", BodyEn = "An adviser commissioned by the association audits your compressed-air system, free of charge.",
            Date = today.AddDays(-10), PublishedAtUtc = now.AddDays(-60) },
    ];
}
