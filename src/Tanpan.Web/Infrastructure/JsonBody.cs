using System.Text.Json;
using Tanpan.Engine.Common;

namespace Tanpan.Web.Infrastructure;

/// <summary>Reads a JSON body with a size limit and turns every way it can be malformed into a field error
/// (<c>lines[2].quantity</c>), so clients learn what to fix instead of getting a bare 400.</summary>
public static class JsonBody
{
    public static async Task<Outcome<T>> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, long maxBytes, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return Outcome<T>.Failure("$", $"request body is {request.ContentLength} bytes; at most {maxBytes} allowed");
        }

        if (request.ContentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome<T>.Failure("$", "send the body as application/json");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return Outcome<T>.Failure("$", $"request body exceeds {maxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Outcome<T>.Failure("$", "request body is empty; a JSON object is required");
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
            return value is null ? Outcome<T>.Failure("$", "a JSON object is required, not null") : Outcome<T>.Success(value);
        }
        catch (JsonException ex)
        {
            return Outcome<T>.Failure(ToFieldPath(ex.Path), Describe(ex));
        }
    }

    /// <summary>"$.lines[2].quantity" → "lines[2].quantity"; the root stays "$".</summary>
    public static string ToFieldPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string Describe(JsonException ex)
    {
        // System.Text.Json messages name the CLR type; say it in the client's terms and keep the position.
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        message = message
            .Replace("System.Nullable`1[System.Decimal]", "number", StringComparison.Ordinal)
            .Replace("System.Decimal", "number", StringComparison.Ordinal)
            .Replace("System.Nullable`1[System.Int32]", "integer", StringComparison.Ordinal)
            .Replace("System.Int32", "integer", StringComparison.Ordinal)
            .Replace("System.String", "string", StringComparison.Ordinal)
            .Replace("System.Nullable`1[System.DateOnly]", "date (yyyy-MM-dd)", StringComparison.Ordinal);
        var position = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
        return "malformed JSON: " + message + position;
    }
}

/// <summary>The JSON options the API reads bodies with (web defaults, unknown members rejected).</summary>
public sealed record ApiJson(JsonSerializerOptions Options);
