using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Tanpan.Web.Tests.Platform.Sheets.Support;

public sealed record Measurement(string Label, double ElapsedMs, long AllocatedBytes, long PeakWorkingSetBytes)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Label}: {ElapsedMs:F1} ms, allocated {AllocatedBytes / 1048576.0:F2} MB, peak working set {PeakWorkingSetBytes / 1048576.0:F0} MB");
}

/// <summary>Times an action and counts what this thread allocated while it ran; printed to the test output and appended to measurements.txt.</summary>
public static class Measure
{
    private static readonly Lock Gate = new();

    public static (T Result, Measurement Measurement) Run<T>(ITestOutputHelper output, string label, Func<T> action)
    {
        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var result = action();
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        var measurement = new Measurement(label, watch.Elapsed.TotalMilliseconds, allocated, process.PeakWorkingSet64);
        output.WriteLine(measurement.ToString());
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "measurements.txt"), measurement + Environment.NewLine);
        }

        return (result, measurement);
    }
}
