using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Tanpan.Engine.Common;

namespace Tanpan.Web.Platform.Json;

/// <summary>Reads a JSON body with a size limit and turns every way it can be malformed into a field error
/// (<c>lines[2].quantity</c>), so clients learn what to fix instead of getting a bare 400.</summary>
public static class JsonBody
{
    /// <summary>A reader for the common shape of a body that is faster than the serializer. It returns false for
    /// anything it is not sure of, and then the serializer reads the body: it must never accept what the serializer
    /// rejects nor read a value differently.</summary>
    public delegate bool FastReader<T>(ReadOnlySpan<byte> json, JsonSerializerOptions options, out T? value)
        where T : class;

    public static async Task<Outcome<T>> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, long maxBytes, CancellationToken ct, FastReader<T>? fast = null)
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

        // The body is read from the server's pipe without copying: a small body is one segment of its own buffer.
        var reader = request.BodyReader;
        var (read, tooLarge) = await ReadWholeAsync(reader, maxBytes, ct);
        if (tooLarge)
        {
            return Outcome<T>.Failure("$", $"request body exceeds {maxBytes} bytes");
        }

        try
        {
            return Parse(read.Buffer, options, fast);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    private static Outcome<T> Parse<T>(in ReadOnlySequence<byte> body, JsonSerializerOptions options, FastReader<T>? fast)
        where T : class
    {
        if (body.IsEmpty)
        {
            return Outcome<T>.Failure("$", "request body is empty; a JSON object is required");
        }

        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> json;
            if (body.IsSingleSegment)
            {
                json = body.FirstSpan;
            }
            else
            {
                // A body spread over several buffers is copied once, so that it is parsed exactly like one span.
                rented = ArrayPool<byte>.Shared.Rent((int)body.Length);
                body.CopyTo(rented);
                json = rented.AsSpan(0, (int)body.Length);
            }

            if (fast is not null && fast(json, options, out var quick) && quick is not null)
            {
                return Outcome<T>.Success(quick);
            }

            var value = JsonSerializer.Deserialize<T>(json, options);
            return value is null ? Outcome<T>.Failure("$", "a JSON object is required, not null") : Outcome<T>.Success(value);
        }
        catch (JsonException ex)
        {
            return Outcome<T>.Failure(ToFieldPath(ex.Path), Describe(ex));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The whole body as bytes (a CSV or a JSON body the caller parses itself), at most <paramref name="maxBytes"/>.</summary>
    public static async Task<Outcome<byte[]>> ReadBytesAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return Outcome<byte[]>.Failure("$", $"request body is {request.ContentLength} bytes; at most {maxBytes} allowed");
        }

        var reader = request.BodyReader;
        var (read, tooLarge) = await ReadWholeAsync(reader, maxBytes, ct);
        if (tooLarge)
        {
            return Outcome<byte[]>.Failure("$", $"request body exceeds {maxBytes} bytes");
        }

        var bytes = read.Buffer.ToArray();
        reader.AdvanceTo(read.Buffer.End);
        return Outcome<byte[]>.Success(bytes);
    }

    /// <summary>Reads until the body ends; on too large, the buffer is already released.</summary>
    private static async Task<(ReadResult Read, bool TooLarge)> ReadWholeAsync(PipeReader reader, long maxBytes, CancellationToken ct)
    {
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            if (read.Buffer.Length > maxBytes)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return (read, true);
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                return (read, false);
            }

            // Nothing consumed, everything examined: the next read waits for more data.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>"$.lines[2].quantity" → "lines[2].quantity"; the root stays "$".</summary>
    public static string ToFieldPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static readonly Dictionary<string, string> ExpectedByField = new(StringComparer.Ordinal)
    {
        ["quantity"] = "a number",
        ["value"] = "a number",
        ["reportingYear"] = "an integer year, e.g. 2024",
        ["factorYear"] = "an integer year, e.g. 2024",
        ["year"] = "an integer year, e.g. 2024",
        ["from"] = "a date as yyyy-MM-dd",
        ["to"] = "a date as yyyy-MM-dd",
        ["date"] = "a date as yyyy-MM-dd",
        ["lines"] = "an array of line objects",
        ["period"] = "an object { from, to }",
        ["heatValue"] = "an object { value, unit }",
        ["factor"] = "an object { value, unit, source }",
    };

    /// <summary>What the target type wants, from System.Text.Json's message ("could not be converted to System.Decimal"),
    /// so a number sent as text, or text sent as a number, is told what is allowed — not always "a string".</summary>
    private static string ExpectedByType(string message)
    {
        var at = message.IndexOf("converted to ", StringComparison.Ordinal);
        var type = at < 0 ? string.Empty : message[(at + "converted to ".Length)..];
        return type switch
        {
            _ when type.Contains("Decimal", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal) => "a number (at most 1e15), e.g. 1200.5",
            _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("DateOnly", StringComparison.Ordinal) => "a date as yyyy-MM-dd",
            _ when type.Contains("TimeOnly", StringComparison.Ordinal) => "a time as HH:mm",
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ when type.Contains("List", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal) || type.Contains("IReadOnlyList", StringComparison.Ordinal) => "an array",
            _ when type.StartsWith("System.String", StringComparison.Ordinal) => "a string",
            _ => "an object",
        };
    }

    private static string Describe(JsonException ex)
    {
        var position = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
        var field = ex.Path is { } path ? path[(path.LastIndexOf('.') + 1)..] : string.Empty;
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            field = field[..bracket];
        }

        if (ex.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return $"unknown field '{field}': check its spelling against the API reference (/api-docs)";
        }

        if (ex.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            var expected = ExpectedByField.GetValueOrDefault(field) ?? (field.Length == 0 ? "a JSON object" : ExpectedByType(ex.Message));
            return $"wrong type or invalid value: expected {expected}{position}";
        }

        // Syntax errors: System.Text.Json's message says what was found; keep it, without the CLR-specific tail.
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return "malformed JSON: " + (cut > 0 ? message[..cut] : message) + position;
    }
}

/// <summary>The JSON options the API reads bodies with (web defaults, unknown members rejected).</summary>
public sealed record ApiJson(JsonSerializerOptions Options);
