using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tanpan.Web.Tests.Fuzz;

/// <summary>Generates hostile variants of valid inputs from a fixed seed: every run sends the same requests, so a
/// failure reproduces. Values: huge, tiny, negative, NaN/Infinity strings, wrong types, deep nesting, long and odd
/// Unicode strings, out-of-range dates and times, missing and unknown fields.</summary>
internal sealed class Hostile(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Texts =
    [
        "", " ", "NaN", "Infinity", "-Infinity", "1e309", "-0", "0x10", "1,000", "１２３", "null", "true", "<script>alert(1)</script>",
        "=HYPERLINK(\"http://x\")", "'; DROP TABLE \"WorkOrders\"; --", "\u0000", "\uFEFF", "\u202Eevil", "𠜎𠜱𠝹", "🏭💨", "e\u0301\u0301\u0301", "..\\..\\etc\\passwd",
        "2024-02-30", "0001-01-01", "9999-12-31", "24:61", "javascript:alert(1)", "custom.../../x", "fuel.", "electricity.grid.xx", "refrigerant.R-9999",
    ];

    private static readonly JsonNode?[] Numbers =
    [
        JsonValue.Create(7.9e28m), JsonValue.Create(79228162514264337593543950335m), JsonValue.Create(-79228162514264337593543950335m), JsonValue.Create(1e15m + 1),
        JsonValue.Create(-1m), JsonValue.Create(0m), JsonValue.Create(1e-28m), JsonValue.Create(0.0000000000000000000000000001m), JsonValue.Create(int.MaxValue), JsonValue.Create(long.MinValue),
        JsonValue.Create(1e300), JsonValue.Create(-1e300), JsonValue.Create(2147483648L), JsonValue.Create(1900), JsonValue.Create(2101), JsonValue.Create(-2024),
    ];

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public int Next(int max) => _random.Next(max);

    /// <summary>A hostile replacement for one JSON value.</summary>
    public JsonNode? Value()
    {
        switch (_random.Next(9))
        {
            case 0:
            case 1:
                return Pick(Numbers)?.DeepClone();
            case 2:
                return JsonValue.Create(Pick(Texts));
            case 3:
                return JsonValue.Create(new string('9', _random.Next(20, 400)));
            case 4:
                return JsonValue.Create(LongText());
            case 5:
                return null;
            case 6:
                return _random.Next(2) == 0 ? new JsonArray(JsonValue.Create(1), JsonValue.Create("x")) : new JsonObject { ["x"] = 1 };
            case 7:
                return JsonValue.Create(_random.Next(2) == 0);
            default:
                return Deep(_random.Next(20, 80));
        }
    }

    public string LongText() => _random.Next(3) switch
    {
        0 => new string('長', 100_000),
        1 => string.Concat(Enumerable.Repeat("🏭", 20_000)),
        _ => new string(' ', 50_000) + "x",
    };

    public static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    /// <summary>A variant of <paramref name="template"/> with one to three leaves replaced, removed or added.</summary>
    public JsonNode Mutate(JsonNode template)
    {
        var copy = template.DeepClone();
        var edits = 1 + _random.Next(3);
        for (var i = 0; i < edits; i++)
        {
            var slots = Slots(copy).ToList();
            if (slots.Count == 0)
            {
                break;
            }

            var (parent, key) = Pick(slots);
            switch (_random.Next(10))
            {
                case 0 when parent is JsonObject o:
                    o.Remove((string)key);
                    break;
                case 1 when parent is JsonObject o:
                    o["unknown" + _random.Next(100).ToString(CultureInfo.InvariantCulture)] = Value();
                    break;
                default:
                    Set(parent, key, Value());
                    break;
            }
        }

        return copy;
    }

    /// <summary>Raw bodies that are not even the right JSON.</summary>
    public string RawBody() => _random.Next(8) switch
    {
        0 => string.Empty,
        1 => "{",
        2 => "[]",
        3 => "null",
        4 => Deep(200).ToJsonString(),
        5 => "{\"a\":" + new string('[', 5000),
        6 => Encoding.UTF8.GetString([0xFF, 0xFE, 0x00, 0x41]),
        _ => new string(' ', 200_000) + "{}",
    };

    private static IEnumerable<(JsonNode Parent, object Key)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    yield return (o, name);
                    if (child is not null)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i);
                    if (a[i] is { } child)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }

                break;
        }
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject o)
        {
            o[(string)key] = value;
        }
        else if (parent is JsonArray a)
        {
            a[(int)key] = value;
        }
    }
}
