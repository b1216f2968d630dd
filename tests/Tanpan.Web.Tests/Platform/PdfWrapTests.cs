using Tanpan.Web.Platform.Pdf;

namespace Tanpan.Web.Tests.Platform;

/// <summary>Line breaking in PDFs, measured with one unit per character so the breaks are predictable.</summary>
public class PdfWrapTests
{
    private static List<string> Wrap(string text, int width) => PdfLayout.Wrap(text, width, s => s.Length).ToList();

    [Fact]
    public void AClosingMarkNeverStartsALine_ThePreviousCharacterComesWithIt()
    {
        var lines = Wrap("排放係數（環境部）說明", 9);

        Assert.DoesNotContain(lines, l => l.StartsWith('）'));
        Assert.Equal("排放係數（環境部）說明", string.Concat(lines));
    }

    [Fact]
    public void AnOpeningMarkNeverEndsALine()
    {
        var lines = Wrap("排放係數來源（環境部公告）", 5);

        Assert.DoesNotContain(lines, l => l.EndsWith('（'));
        Assert.All(lines, l => Assert.True(l.Length <= 6, l));
    }

    [Fact]
    public void LatinWordsAndNumbers_AreNotSplit()
    {
        var lines = Wrap("係數集 moenv-2024 與 1,234.5 公噸", 12);

        Assert.Contains(lines, l => l.Contains("moenv-2024", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("1,234.5", StringComparison.Ordinal));
    }

    [Fact]
    public void AWordLongerThanTheLine_StillFits_OnALineOfItsOwn()
    {
        var lines = Wrap("短 abcdefghijklmnop 短", 5);

        Assert.Contains("abcdefghijklmnop", lines);
    }
}
