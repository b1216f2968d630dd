using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tanpan.Web.Features.Calculations;

/// <summary>Source-generated JSON metadata for the hot calculation contract (no reflection per request).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(InventoryRequestDto))]
[JsonSerializable(typeof(InventoryResponse))]
internal sealed partial class CalculationsJsonContext : JsonSerializerContext;
