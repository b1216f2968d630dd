using System.Globalization;

namespace Tanpan.Web.Platform.Localization;

/// <summary>The reader's language as a value, for what is rendered away from a page (PDFs, e-mails): zh-TW or
/// English. Pages take it from the request (<see cref="Lang.IsEnglish"/>); documents receive it explicitly so a
/// renderer has no hidden default.</summary>
public readonly record struct Language(bool English)
{
    public static readonly Language ZhTw = new(false);
    public static readonly Language En = new(true);

    public static Language Of(HttpContext context) => new(Lang.IsEnglish(context));

    /// <summary>Number formatting of the language (both group digits by thousands with a comma).</summary>
    public CultureInfo Culture => CultureInfo.GetCultureInfo(English ? "en-US" : "zh-TW");

    public string Code => English ? "en" : "zh-TW";

    public string T(string zh, string en) => English ? en : zh;

    public string Name(string kind, string? code) =>
        code is null ? string.Empty : Names.Find(kind, code) is { } name ? T(name.Zh, name.En) : code;

    public string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => Name(typeof(TEnum).Name, value.ToString());

    public string ActivityName(string? code) => Name(Names.Activity, code);

    public string UnitName(string? code) => Name(Names.Unit, code);

    /// <summary>The name of a unit written as a bill writes it (度, 公升): its canonical unit's name.</summary>
    public string UnitNameOf(string? text) =>
        text is not null && Engine.Quantities.Units.TryParse(text, out var unit) ? Name(Names.Unit, unit.Code) : text ?? string.Empty;
}
