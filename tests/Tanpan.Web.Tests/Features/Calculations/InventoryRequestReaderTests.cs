using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Tanpan.Web.Features.Calculations;

namespace Tanpan.Web.Tests.Features.Calculations;

/// <summary>The fast request reader may give up on any input, but whatever it accepts the serializer (as the API
/// configures it) must accept too and read to the same values.</summary>
public class InventoryRequestReaderTests
{
    // As TanpanHost configures the API's JSON.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 32,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CalculationsJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    private const string Bench = """
        {"reportingYear":2024,"gwpSet":"AR5","lines":[
        {"id":"e1","category":"2.1","activity":"electricity.grid.tw","quantity":8640,"unit":"kWh","period":{"from":"2023-12-15","to":"2024-02-14"}},
        {"id":"e2","category":"2.1","activity":"electricity.grid.tw","quantity":12000,"unit":"度"},
        {"id":"car","category":"1.2","activity":"fuel.gasoline","use":"mobile","technology":"oxidation-catalyst","quantity":45.2,"unit":"L"},
        {"id":"ac","category":"1.4","activity":"refrigerant.R-410A","quantity":2.5,"unit":"kg"}
        ]}
        """;

    private const string Rich = """
        {"reportingYear":2024,"gwpSet":"AR6","factorSet":"moenv-2024","lines":[
          {"id":"ng","category":"1.1","activity":"fuel.natural-gas","quantity":1.20,"unit":"千立方公尺","heatValue":{"value":8755,"unit":"kcal/m3"},"factorYear":2023},
          {"id":"steam","category":"2.2","activity":"custom","quantity":3e2,"unit":"t","factor":{"value":0.2,"unit":"tCO2e/t","source":"供應商 \"2024\" \u00e9"}},
          null,
          {"id":null,"category":"1.1","activity":"fuel.diesel","use":null,"technology":null,"quantity":-0,"unit":"L","period":null,"factorYear":null,"heatValue":null,"factor":null,"factorSet":null},
          {"id":"p","category":"2.1","activity":"electricity.grid.tw","quantity":0.000000000000000000000000001,"unit":"kWh","period":{"from":"2024-02-29","to":null}},
          {}
        ]}
        """;

    [Theory]
    [InlineData(Bench)]
    [InlineData(Rich)]
    [InlineData("""{"reportingYear":2024,"lines":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"lines":null,"gwpSet":null,"reportingYear":null,"factorSet":null}""")]
    [InlineData(""" { "reportingYear" : 2024 , "lines" : [ { "id" : "a" } ] } """)]
    [InlineData("""{"reportingYear":2024,"lines":[{"\u0069d":"escaped name","unit":"\u5ea6"}]}""")]
    public void CommonShapes_AreReadFast_AndAsTheSerializerReadsThem(string json)
    {
        Assert.True(InventoryRequestReader.TryRead(Encoding.UTF8.GetBytes(json), Options, out var fast));
        Assert.Equal(Serialized(JsonSerializer.Deserialize<InventoryRequestDto>(json, Options)), Serialized(fast));
    }

    [Theory]
    [InlineData("""{"ReportingYear":2024}""")]                     // another spelling: case-insensitive in the serializer
    [InlineData("""{"reportingYear":"2024"}""")]                   // a number in a string: allowed by the web defaults
    [InlineData("""{"reportingYear":2024,"reportingYear":2025}""")] // a duplicate
    [InlineData("""{"reportingYear":2024.0}""")]
    [InlineData("""{"reportingYear":2024,"extra":1}""")]           // unknown field: the serializer's error
    [InlineData("""{"lines":[{"quantity":"45.2"}]}""")]
    [InlineData("""{"lines":[{"period":{"from":"2024-02-30"}}]}""")]
    [InlineData("""{"lines":[{"period":{"from":"2024-2-01"}}]}""")]
    [InlineData("""{"lines":[{"period":{"from":"2024-02-01T00:00:00"}}]}""")]
    [InlineData("""{"lines":[{"period":{"from":"2024\u002d02-01"}}]}""")]
    [InlineData("""{"lines":[{"quantity":1e400}]}""")]
    [InlineData("""{"lines":[1]}""")]
    [InlineData("""{"lines":{}}""")]
    [InlineData("""{"lines":[],}""")]
    [InlineData("""{"lines":[]} x""")]
    [InlineData("""{"lines":[]}{}""")]
    [InlineData("""/* c */{"lines":[]}""")]
    [InlineData("""null""")]
    [InlineData("""[]""")]
    [InlineData("""{"lines":[{"id":1}]}""")]
    [InlineData("""{"lines":[{"id":true}]}""")]
    [InlineData("""{"lines":[""")]
    public void OtherShapes_AreLeftToTheSerializer(string json) =>
        Assert.False(InventoryRequestReader.TryRead(Encoding.UTF8.GetBytes(json), Options, out _));

    [Fact]
    public void InvalidUtf8_IsLeftToTheSerializer()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"lines":[{"id":"xx"}]}""");
        bytes[16] = 0xFF;
        Assert.False(InventoryRequestReader.TryRead(bytes, Options, out _));
    }

    [Fact]
    public void MutatedBodies_AreEitherLeftToTheSerializer_OrReadAsItReadsThem()
    {
        var random = new Random(14064);
        var alphabet = Encoding.UTF8.GetBytes("{}[]\":,0123456789.-eE+ nulltruefalse\\uaA度");
        var accepted = 0;
        foreach (var seed in new[] { Bench, Rich })
        {
            var original = Encoding.UTF8.GetBytes(seed);
            for (var i = 0; i < 20_000; i++)
            {
                var bytes = new List<byte>(original);
                for (var edits = random.Next(1, 3); edits > 0; edits--)
                {
                    var at = random.Next(bytes.Count);
                    switch (random.Next(3))
                    {
                        case 0: bytes.RemoveAt(at); break;
                        case 1: bytes.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                        default: bytes[at] = alphabet[random.Next(alphabet.Length)]; break;
                    }
                }

                var json = bytes.ToArray();
                if (!InventoryRequestReader.TryRead(json, Options, out var fast))
                {
                    continue;
                }

                accepted++;
                InventoryRequestDto? slow;
                try
                {
                    slow = JsonSerializer.Deserialize<InventoryRequestDto>(json, Options);
                }
                catch (JsonException ex)
                {
                    Assert.Fail($"the fast reader accepted what the serializer rejects ({ex.Message}):\n{Encoding.UTF8.GetString(json)}");
                    return;
                }

                Assert.True(Serialized(slow) == Serialized(fast), $"read differently:\n{Encoding.UTF8.GetString(json)}");
            }
        }

        Assert.True(accepted > 1000, $"only {accepted} mutated bodies were read fast");
    }

    private static string Serialized(InventoryRequestDto? dto) => JsonSerializer.Serialize(dto, Options);
}
