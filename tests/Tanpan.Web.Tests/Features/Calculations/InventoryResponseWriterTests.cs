using System.Text.Json;
using System.Text.Json.Nodes;
using Tanpan.Engine.Factors;
using Tanpan.Web.Features.Calculations;

namespace Tanpan.Web.Tests.Features.Calculations;

/// <summary>The hand-written writer must produce exactly what serialising the documented contract records would.</summary>
public class InventoryResponseWriterTests
{
    [Fact]
    public void Writer_MatchesTheDocumentedContract()
    {
        var dto = JsonSerializer.Deserialize<InventoryRequestDto>(
            """
            {"reportingYear":2024,"gwpSet":"AR5","lines":[
              {"id":"e1","category":"2.1","activity":"electricity.grid.tw","quantity":8640,"unit":"度","period":{"from":"2023-12-15","to":"2024-02-14"}},
              {"id":"truck","category":"1.2","activity":"fuel.diesel","quantity":320,"unit":"L"},
              {"id":"ng","category":"1.1","activity":"fuel.natural-gas","quantity":1.2,"unit":"千立方公尺","heatValue":{"value":8755,"unit":"kcal/m3"}},
              {"id":"ac","category":"1.4","activity":"refrigerant.R-410A","quantity":2.5,"unit":"kg"},
              {"id":"old","category":"1.4","activity":"refrigerant.R-22","quantity":1,"unit":"kg"},
              {"id":"steam","category":"2.2","activity":"custom","quantity":3,"unit":"t","factor":{"value":0.2,"unit":"tCO2e/t","source":"供應商 2024"}},
              {"id":"e2","category":"1.1","activity":"electricity.grid.tw","quantity":5,"unit":"MWh","factorYear":2026}]}
            """,
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var (request, _, errors) = RunInventory.Map(dto);
        Assert.Empty(errors);
        var result = new Engine.Inventory.InventoryCalculator(new FactorResolver(FactorLibrary.Shipped)).Calculate(request!).Value;
        Assert.NotEmpty(result.Warnings);

        var expected = JsonSerializer.Serialize(RunInventory.ToResponse(result), new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = InventoryResponseWriter.Encoder });
        var full = Write(result, includeFactors: true);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(full)), $"expected\n{expected}\nwritten\n{full}");
        Assert.Equal(expected, full);

        // Without ?include=factors the response is the same minus the full factor traces.
        var compact = JsonNode.Parse(expected)!.AsObject();
        compact.Remove("factors");
        Assert.True(JsonNode.DeepEquals(compact, JsonNode.Parse(Write(result, includeFactors: false))));
    }

    private static string Write(Engine.Inventory.InventoryResult result, bool includeFactors)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = InventoryResponseWriter.Encoder }))
        {
            InventoryResponseWriter.Write(writer, result, includeFactors);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
