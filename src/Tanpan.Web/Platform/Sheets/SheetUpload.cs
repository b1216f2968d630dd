using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Platform.Sheets;

/// <summary>The prologue every spreadsheet import shares: the file is present, within the compressed limit,
/// buffered, and passes <see cref="UploadGuard"/> (uncompressed size, entries, rows, columns, cell length) before
/// anything parses it. Each refusal names the limit: 413 for sizes, 400 for the rest.</summary>
public static class SheetUpload
{
    public static async Task<Result<(MemoryStream Stream, SpreadsheetKind Kind)>> ReadAsync(IFormFile? file, CancellationToken ct, UploadLimits? limits = null)
    {
        limits ??= UploadLimits.Default;
        if (file is null || file.Length == 0)
        {
            return Invalid.Field("file", "send one .xlsx or .csv file (multipart field 'file')");
        }

        if (file.Length > limits.MaxUploadBytes)
        {
            return new TooLargeError(UploadCodes.TooLarge, $"The file is {file.Length:N0} bytes; the limit is {limits.MaxUploadBytes:N0} bytes (10 MB).");
        }

        var stream = new MemoryStream((int)file.Length);
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        var check = UploadGuard.Check(stream, file.FileName, limits);
        if (!check.IsOk)
        {
            await stream.DisposeAsync();
            return ToError(check.Failure!);
        }

        stream.Position = 0;
        return (stream, check.Kind!.Value);
    }

    /// <summary>At most 500 errors are listed: a file wrong on every row must not answer with 100,000 messages.</summary>
    public static List<Engine.Common.FieldError> Capped(List<Engine.Common.FieldError> errors)
    {
        const int max = 500;
        if (errors.Count <= max)
        {
            return errors;
        }

        var capped = errors.Take(max).ToList();
        capped.Add(new("file", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{errors.Count - max} more errors not listed; fix these and send the file again")));
        return capped;
    }

    public static Error ToError(UploadFailure failure) => failure.Code switch
    {
        UploadCodes.TooLarge or UploadCodes.UncompressedTooLarge => new TooLargeError(failure.Code, failure.Message),
        _ => new Invalid([new Engine.Common.FieldError(failure.Cell ?? "file", failure.Message, failure.Code)], "The file was refused; nothing was imported"),
    };
}
