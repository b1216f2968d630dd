namespace Tanpan.Web.Platform.Inputs;

/// <summary>The documented ranges of every input, in one place. Values outside are field errors before any
/// arithmetic, so no input can overflow a decimal or a database column.</summary>
public static class InputLimits
{
    /// <summary>Any quantity in any unit: 0 … 1e15 (a thousand trillion kWh, L or kg is beyond any site).</summary>
    public const decimal MaxQuantity = 1e15m;

    /// <summary>Reporting and factor years.</summary>
    public const int MinYear = 1990;

    public const int MaxYear = 2100;

    /// <summary>Calendar dates of activity, bills and work orders.</summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1);

    public static readonly DateOnly MaxDate = new(2100, 12, 31);

    /// <summary>Body sizes per kind of request.</summary>
    public const long SmallBodyBytes = 64 * 1024;

    public const long JobBodyBytes = 1024 * 1024;

    /// <summary>A product system of a few thousand nodes and BOM lines.</summary>
    public const long FootprintBodyBytes = 4 * 1024 * 1024;

    public const long InventoryBodyBytes = 4 * 1024 * 1024;

    /// <summary>Uploaded spreadsheets, compressed.</summary>
    public const long UploadBytes = 10 * 1024 * 1024;

    public static bool IsYear(int? year) => year is >= MinYear and <= MaxYear;

    public static bool IsDate(DateOnly date) => date >= MinDate && date <= MaxDate;

    public static string YearRange => $"between {MinYear} and {MaxYear}";

    public static string DateRange => $"between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}";
}

/// <summary>Checks for text inputs shared by the forms.</summary>
public static class TextInputs
{
    /// <summary>An absolute http(s) address of at most 300 characters; javascript:, data: and the like are refused.</summary>
    public static bool IsWebAddress(string? text) =>
        text is { Length: <= 300 } && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);
}
