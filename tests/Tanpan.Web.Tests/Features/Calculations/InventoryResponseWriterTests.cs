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

    [Fact]
    public void EveryPropertyOfTheContractRecords_IsWrittenInTheWorkedCase()
    {
        // The comparison above only sees fields the worked case fills; this makes sure it fills all of them, so a
        // property added to a record (or renamed) and not to the writer cannot hide behind a missing value.
        var dto = JsonSerializer.Deserialize<InventoryRequestDto>(
            """
            {"reportingYear":2024,"lines":[
              {"id":"e1","category":"2.1","activity":"electricity.grid.tw","quantity":8640,"unit":"度","period":{"from":"2023-12-15","to":"2024-02-14"}},
              {"id":"ng","category":"1.1","activity":"fuel.natural-gas","quantity":1.2,"unit":"千立方公尺","heatValue":{"value":8755,"unit":"kcal/m3"}},
              {"id":"old","category":"1.4","activity":"refrigerant.R-22","quantity":1,"unit":"kg"}]}
            """,
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var result = new Engine.Inventory.InventoryCalculator(new FactorResolver(FactorLibrary.Shipped)).Calculate(RunInventory.Map(dto).Request!).Value;
        var written = JsonNode.Parse(Write(result, includeFactors: true))!;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        Collect(written, keys);

        var names = ContractProperties(typeof(InventoryResponse), []).Distinct().ToList();
        Assert.Contains("includedDays", names);
        Assert.Contains("heatValue", names);
        var missing = names.Where(name => !keys.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"not written: {string.Join(", ", missing)}");
    }

    private static void Collect(JsonNode? node, HashSet<string> keys)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    keys.Add(key);
                    Collect(value, keys);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, keys);
                }

                break;
        }
    }

    // The JSON names (camelCase) of every property of the records reachable from the response, dictionaries'
    // values and lists' items included; dictionary keys are data, not contract.
    private static IEnumerable<string> ContractProperties(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.Namespace?.StartsWith("Tanpan", StringComparison.Ordinal) != true)
        {
            yield break;
        }

        foreach (var property in type.GetProperties().Where(p => p.DeclaringType == type && p.Name != "EqualityContract"))
        {
            yield return JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var inner = property.PropertyType;
            foreach (var nested in inner.IsGenericType ? inner.GetGenericArguments() : [Nullable.GetUnderlyingType(inner) ?? inner])
            {
                foreach (var name in ContractProperties(nested, seen))
                {
                    yield return name;
                }
            }
        }
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
