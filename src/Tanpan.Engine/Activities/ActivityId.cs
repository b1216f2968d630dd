using System.Diagnostics.CodeAnalysis;

namespace Tanpan.Engine.Activities;

/// <summary>What kind of thing an activity is; each kind has one factor source.</summary>
public enum ActivityKind
{
    /// <summary>Purchased electricity from a grid (<c>electricity.grid.tw</c>).</summary>
    Grid,

    /// <summary>Fuel combustion (<c>fuel.diesel</c>), stationary or mobile.</summary>
    Fuel,

    /// <summary>A refrigerant emitted, in kg (<c>refrigerant.R-410A</c>).</summary>
    Refrigerant,

    /// <summary>A greenhouse gas emitted, in kg (<c>gas.SF6</c>).</summary>
    Gas,

    /// <summary>A purchased material (<c>material.pig_iron_tw</c>).</summary>
    Material,

    /// <summary>Freight or travel (<c>transport.truck</c>), in t·km or p·km.</summary>
    Transport,

    /// <summary>Waste treatment (<c>waste.landfill</c>).</summary>
    Waste,

    /// <summary>A factor given in the request (<c>custom</c>) or a company's own (<c>custom.&lt;code&gt;</c>).</summary>
    Custom,
}

/// <summary>An activity id as written in the API and the register (<c>fuel.diesel</c>): a <see cref="Kind"/> and a
/// <see cref="Name"/> within it. Parsing is the one place an id's prefix is read; everything after dispatches on
/// the kind.</summary>
public readonly record struct ActivityId(ActivityKind Kind, string Name)
{
    public const string GridTaiwan = "electricity.grid.tw";

    private static readonly (string Prefix, ActivityKind Kind)[] Prefixes =
    [
        ("electricity.", ActivityKind.Grid), ("fuel.", ActivityKind.Fuel), ("refrigerant.", ActivityKind.Refrigerant), ("gas.", ActivityKind.Gas),
        ("material.", ActivityKind.Material), ("transport.", ActivityKind.Transport), ("waste.", ActivityKind.Waste), ("custom.", ActivityKind.Custom),
    ];

    /// <summary>The forms an id may take, for error messages.</summary>
    public static IReadOnlyList<string> Forms { get; } =
        ["electricity.grid.tw", "fuel.<fuel>", "refrigerant.<R-code>", "gas.<formula>", "material.<id>", "transport.<mode>", "waste.<treatment>", "custom", "custom.<company code>"];

    /// <summary>True for <c>custom</c> with an inline factor in the request (no name).</summary>
    public bool IsInlineCustom => Kind == ActivityKind.Custom && Name.Length == 0;

    public static bool TryParse(string? text, [NotNullWhen(true)] out ActivityId? id)
    {
        id = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        if (trimmed == "custom")
        {
            id = new ActivityId(ActivityKind.Custom, string.Empty);
            return true;
        }

        foreach (var (prefix, kind) in Prefixes)
        {
            if (trimmed.Length > prefix.Length && trimmed.StartsWith(prefix, StringComparison.Ordinal))
            {
                id = new ActivityId(kind, trimmed[prefix.Length..]);
                return true;
            }
        }

        return false;
    }

    public static ActivityId Parse(string text) =>
        TryParse(text, out var id) ? id.Value : throw new FormatException($"'{text}' is not an activity id; forms: {string.Join(", ", Forms)}");

    public static ActivityKind? KindOf(string? text) => TryParse(text, out var id) ? id.Value.Kind : null;

    public override string ToString() => Kind switch
    {
        ActivityKind.Grid => "electricity." + Name,
        ActivityKind.Fuel => "fuel." + Name,
        ActivityKind.Refrigerant => "refrigerant." + Name,
        ActivityKind.Gas => "gas." + Name,
        ActivityKind.Material => "material." + Name,
        ActivityKind.Transport => "transport." + Name,
        ActivityKind.Waste => "waste." + Name,
        _ => Name.Length == 0 ? "custom" : "custom." + Name,
    };
}
