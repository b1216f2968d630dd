using System.Buffers;
using System.Text.Json;
using Tanpan.Engine.Inventory;

namespace Tanpan.Web.Features.Calculations;

/// <summary>An <see cref="IResult"/> that writes an inventory result as JSON into the response body. An interactive
/// request's response (up to a few hundred lines) is written into a per-thread buffer first and sent in one piece with
/// its Content-Length, instead of chunked; a larger one is streamed into the body as it is written.</summary>
internal sealed class InventoryJsonResult(InventoryResult result, bool includeFactors) : IResult
{
    /// <summary>Lines up to which the response is buffered (about 750 bytes a line).</summary>
    internal const int BufferedLines = 256;

    private const int MaxRetainedBuffer = 256 * 1024;

    private static readonly JsonWriterOptions Options = new() { Encoder = InventoryResponseWriter.Encoder, SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        if (result.Lines.Count > BufferedLines)
        {
            return StreamAsync(httpContext);
        }

        // Written synchronously and copied into the body before anything is awaited, so the per-thread buffer and
        // writer are never used by two requests at once.
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        var writer = _threadWriter ??= new Utf8JsonWriter(buffer, Options);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        InventoryResponseWriter.Write(writer, result, includeFactors);
        writer.Flush();
        response.ContentLength = buffer.WrittenCount;
        response.BodyWriter.Write(buffer.WrittenSpan);
        if (buffer.Capacity > MaxRetainedBuffer)
        {
            _threadBuffer = null;
            _threadWriter = null;
        }

        var flush = response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        if (flush.IsCompletedSuccessfully)
        {
            _ = flush.Result;
            return Task.CompletedTask;
        }

        return flush.AsTask();
    }

    private async Task StreamAsync(HttpContext httpContext)
    {
        await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, Options))
        {
            InventoryResponseWriter.Write(writer, result, includeFactors);
        }

        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
