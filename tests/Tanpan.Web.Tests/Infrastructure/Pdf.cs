using System.Diagnostics;

namespace Tanpan.Web.Tests.Infrastructure;

/// <summary>Extracts a PDF's text with Debian's pdftotext (poppler-utils), as a reader or auditor would.</summary>
internal static class Pdf
{
    public static Task<string> TextAsync(byte[] pdf) => RunAsync("pdftotext", pdf, "-layout", "-enc", "UTF-8", "{file}", "-");

    /// <summary>pdffonts' table: every font, its type and whether it is embedded.</summary>
    public static Task<string> FontsAsync(byte[] pdf) => RunAsync("pdffonts", pdf, "{file}");

    private static async Task<string> RunAsync(string tool, byte[] pdf, params string[] arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tanpan-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool, arguments.Select(a => a == "{file}" ? file : a)) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} missing: run ./test.sh, which installs poppler-utils");
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
