namespace Tanpan.Web.Platform.Sheets;

/// <summary>CSV cells that are safe to open in a spreadsheet: quoted, and a text that starts like a formula
/// (= + - @, tab, CR) is prefixed with an apostrophe so it is shown, never evaluated (CSV injection).</summary>
public static class CsvText
{
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var safe = text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
