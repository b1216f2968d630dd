using Tanpan.Engine.Tariffs;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Tariffs;

/// <summary>The names people read for the labels of the tariff files (the files and the API keep the labels).</summary>
public static class TariffText
{
    public static string Season(HttpContext http, string label) => label switch
    {
        "summer" => http.T("夏月", "Summer"),
        "non_summer" => http.T("非夏月", "Non-summer"),
        _ => http.T("全年", "All year"),
    };

    public static string Component(HttpContext http, string label) => label switch
    {
        TariffLabels.BasicCharge => http.T("基本電費", "Basic charge"),
        TariffLabels.EnergyCharge => http.T("流動電費", "Energy charge"),
        TariffLabels.CustomerCharge => http.T("按戶計收", "Customer charge"),
        TariffLabels.OverContractSurcharge => http.T("超約附加倍數", "Over-contract multiple"),
        _ => http.T("需量反應回饋", "Demand-response credit"),
    };

    /// <summary>A contract type for a basic charge, an energy period for an energy charge.</summary>
    public static string Period(HttpContext http, string component, string label) => (component, label) switch
    {
        (TariffLabels.BasicCharge, "regular") => http.T("經常契約", "Regular contract"),
        (TariffLabels.BasicCharge, "semi_peak") => http.T("半尖峰契約", "Semi-peak contract"),
        (TariffLabels.BasicCharge, "non_summer") => http.T("非夏月契約", "Non-summer contract"),
        (TariffLabels.BasicCharge, "saturday_semi_peak") => http.T("週六半尖峰契約", "Saturday semi-peak contract"),
        (TariffLabels.BasicCharge, _) => http.T("離峰契約", "Off-peak contract"),
        (TariffLabels.EnergyCharge, "peak") => http.T("尖峰", "Peak"),
        (TariffLabels.EnergyCharge, "semi_peak") => http.T("半尖峰", "Semi-peak"),
        (TariffLabels.EnergyCharge, "saturday_semi_peak") => http.T("週六半尖峰", "Saturday semi-peak"),
        (TariffLabels.EnergyCharge, _) => http.T("離峰", "Off-peak"),
        _ => string.Empty,
    };

    public static string Unit(HttpContext http, string component) => component switch
    {
        TariffLabels.BasicCharge => http.T("元／瓩／月", "NT$/kW/month"),
        TariffLabels.EnergyCharge => http.T("元／度", "NT$/kWh"),
        TariffLabels.CustomerCharge => http.T("元／戶／月", "NT$/customer/month"),
        _ => http.T("倍", "×"),
    };

    public static string Voltage(HttpContext http, VoltageClass voltage) => voltage switch
    {
        VoltageClass.Low => http.T("低壓", "Low voltage"),
        VoltageClass.High => http.T("高壓", "High voltage"),
        _ => http.T("特高壓", "Extra-high voltage"),
    };

    public static string Verification(HttpContext http, string level) => http.Name(Names.Verification, level);
}
