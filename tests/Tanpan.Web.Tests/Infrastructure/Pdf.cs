using System.Diagnostics;

namespace Tanpan.Web.Tests.Infrastructure;

/// <summary>Extracts a PDF's text with Debian's pdftotext (poppler-utils), as a reader or auditor would.</summary>
internal static class Pdf
{
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tanpan-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext missing: run ./test.sh, which installs poppler-utils");
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
