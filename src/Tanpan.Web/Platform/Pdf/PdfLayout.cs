using SkiaSharp;

namespace Tanpan.Web.Platform.Pdf;

/// <summary>A small flowing layout on A4 for reports: headings, wrapped paragraphs, tables and bar charts,
/// laid out first and rendered second so every page can say "page n of N". Text is drawn as text blobs
/// with an embedded CJK font, so the PDF's text extracts exactly (pdftotext shows the same characters).</summary>
public sealed class PdfLayout
{
    public const float PageWidth = 595f;
    public const float PageHeight = 842f;
    private const float Margin = 50f;
    private const float Bottom = PageHeight - 60f;

    private static readonly Lazy<byte[]> FontBytes = new(() =>
    {
        using var stream = typeof(PdfLayout).Assembly.GetManifestResourceStream("Tanpan.Fonts.NotoSansTC-Regular.ttf")
            ?? throw new InvalidOperationException("Report font missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    // The full font lays text out; each document is drawn with a subset of it holding only the glyphs it uses.
    private static readonly Lazy<SKTypeface> Face = new(() =>
        SKTypeface.FromData(SKData.CreateCopy(FontBytes.Value)) ?? throw new InvalidOperationException("Report font cannot be read."));

    private readonly List<List<Action<SKCanvas, SKTypeface>>> _pages = [[]];

    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);
    private float _y = Margin;

    public static float ContentWidth => PageWidth - (2 * Margin);

    private List<Action<SKCanvas, SKTypeface>> Page => _pages[^1];

    /// <summary>A heading, wrapped like a paragraph: a long company name must not run off the page.</summary>
    public void Heading(string text, float size = 16f)
    {
        var lines = Wrap(text, size, ContentWidth).ToList();
        Ensure(size * (0.9f + 1.3f * lines.Count));
        _y += size * 0.6f;
        foreach (var line in lines)
        {
            Text(line, Margin, _y + size, size, SKColors.Black);
            _y += size * 1.3f;
        }

        _y += size * 0.3f;
    }

    public void Paragraph(string text, float size = 10f, SKColor? color = null)
    {
        foreach (var line in Wrap(text, size, ContentWidth))
        {
            Ensure(size * 1.5f);
            Text(line, Margin, _y + size, size, color ?? new SKColor(0x22, 0x22, 0x22));
            _y += size * 1.5f;
        }

        _y += size * 0.4f;
    }

    /// <summary>A table whose cells wrap; numeric columns (by <paramref name="rightAligned"/>) align right.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<float> widths, ISet<int>? rightAligned = null, float size = 8.5f)
    {
        var scale = ContentWidth / widths.Sum();
        var columns = widths.Select(w => w * scale).ToArray();
        void Row(IReadOnlyList<string> cells, bool header)
        {
            var wrapped = cells.Select((c, i) => Wrap(c, size, columns[i] - 6).ToList()).ToList();
            var height = (wrapped.Max(w => w.Count) * size * 1.35f) + 6;
            if (Ensure(height) && !header)
            {
                Row(headers, header: true);
            }

            var top = _y;
            if (header)
            {
                Page.Add((c, _) => c.DrawRect(Margin, top, ContentWidth, height, new SKPaint { Color = new SKColor(0xE6, 0xEF, 0xE9) }));
            }

            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var lineY = top + 3 + size;
                foreach (var line in wrapped[i])
                {
                    var right = rightAligned?.Contains(i) == true && !header;
                    var textX = right ? x + columns[i] - 3 - Measure(line, size) : x + 3;
                    Text(line, textX, lineY, size, SKColors.Black);
                    lineY += size * 1.35f;
                }

                x += columns[i];
            }

            var lineAt = top + height;
            Page.Add((c, _) => c.DrawLine(Margin, lineAt, Margin + ContentWidth, lineAt, new SKPaint { Color = new SKColor(0xCC, 0xCC, 0xCC), StrokeWidth = 0.5f }));
            _y += height;
        }

        Row(headers, header: true);
        foreach (var row in rows)
        {
            Row(row, header: false);
        }

        _y += 8;
    }

    /// <summary>A horizontal bar chart with the value printed at each bar.</summary>
    public void BarChart(IReadOnlyList<(string Label, decimal Value, string Shown)> bars, float size = 8.5f)
    {
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        const float labelWidth = 150f;
        foreach (var (label, value, shown) in bars)
        {
            Ensure(16);
            var top = _y;
            var width = max <= 0 ? 0 : (float)(value / max) * (ContentWidth - labelWidth - 80);
            Text(label, Margin, top + 11, size, SKColors.Black);
            Page.Add((c, _) => c.DrawRect(Margin + labelWidth, top + 2, Math.Max(width, 0.5f), 11, new SKPaint { Color = new SKColor(0x2F, 0x7A, 0x4F) }));
            Text(shown, Margin + labelWidth + width + 4, top + 11, size, new SKColor(0x33, 0x33, 0x33));
            _y += 16;
        }

        _y += 8;
    }

    /// <summary>A PNG image (e.g. a QR code or a seal) at the right margin, <paramref name="size"/> points square.</summary>
    public void ImageRight(byte[] png, float size, string caption)
    {
        Ensure(size + 14);
        var top = _y;
        var image = SKImage.FromEncodedData(png) ?? throw new InvalidOperationException("image cannot be decoded");
        var left = Margin + ContentWidth - size;
        Page.Add((c, _) => c.DrawImage(image, new SKRect(left, top, left + size, top + size), new SKSamplingOptions(SKFilterMode.Nearest)));
        Text(caption, left, top + size + 10, 7f, new SKColor(0x55, 0x55, 0x55));
        _y += size + 16;
    }

    public byte[] Render(string title, string author, Func<int, int, string> footer)
    {
        using var stream = new MemoryStream();
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = title;
        metadata.Author = author;
        metadata.Creator = "Tanpan 碳盤";
        metadata.Producer = "Tanpan 碳盤 (SkiaSharp)";
        var footers = Enumerable.Range(1, _pages.Count).Select(n => footer(n, _pages.Count)).ToArray();
        using var face = SubsetFace(_texts.Concat(footers));
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            for (var i = 0; i < _pages.Count; i++)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                foreach (var draw in _pages[i])
                {
                    draw(canvas, face);
                }

                DrawText(canvas, face, footers[i], Margin, PageHeight - 30, 8f, new SKColor(0x66, 0x66, 0x66));
                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();
    }

    /// <summary>Starts a new page when <paramref name="height"/> does not fit; returns whether it did.</summary>
    private bool Ensure(float height)
    {
        if (_y + height <= Bottom)
        {
            return false;
        }

        _pages.Add([]);
        _y = Margin;
        return true;
    }

    private void Text(string text, float x, float y, float size, SKColor color)
    {
        _texts.Add(text);
        Page.Add((c, face) => DrawText(c, face, text, x, y, size, color));
    }

    /// <summary>Unhinted, linear metrics: the advances the text is positioned with are the widths the PDF declares,
    /// so Latin text extracts without gaps ("m oenv") and spaces where there are none.</summary>
    private static SKFont Font(SKTypeface face, float size) => new(face, size) { Hinting = SKFontHinting.None, LinearMetrics = true, Subpixel = true };

    /// <summary>The report font cut down to the glyphs of <paramref name="texts"/> (glyph ids unchanged).</summary>
    private static SKTypeface SubsetFace(IEnumerable<string> texts)
    {
        using var font = new SKFont(Face.Value, 10f);
        var glyphs = new HashSet<ushort>();
        foreach (var text in texts)
        {
            glyphs.UnionWith(font.GetGlyphs(text));
        }

        var subset = FontSubset.Create(FontBytes.Value, glyphs);
        return SKTypeface.FromData(SKData.CreateCopy(subset)) ?? throw new InvalidOperationException("The report font's subset cannot be read.");
    }

    private static void DrawText(SKCanvas canvas, SKTypeface face, string text, float x, float y, float size, SKColor color)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        using var font = Font(face, size);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        using var blob = TextBlob(text, font);
        canvas.DrawText(blob, x, y, paint);
    }

    /// <summary>A text run that carries the original text and, per glyph, where its character starts in it.
    /// Without this, the PDF's ToUnicode map names a glyph by the first code point the font maps to it, and
    /// characters such as 頁 or 月 extract as Kangxi radicals (⾴, ⽉).</summary>
    private static SKTextBlob TextBlob(string text, SKFont font)
    {
        var glyphs = font.GetGlyphs(text);
        var widths = font.GetGlyphWidths(glyphs);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var clusters = new uint[glyphs.Length];
        var positions = new float[glyphs.Length];
        var byteOffset = 0;
        var glyph = 0;
        var x = 0f;
        for (var i = 0; i < text.Length && glyph < glyphs.Length; i++)
        {
            var isPair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length;
            clusters[glyph] = (uint)byteOffset;
            positions[glyph] = x;
            x += widths[glyph];
            byteOffset += System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(i, isPair ? 2 : 1));
            glyph++;
            if (isPair)
            {
                i++;
            }
        }

        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocateHorizontalTextRun(font, glyphs.Length, 0, utf8.Length, null);
        run.SetGlyphs(glyphs);
        run.SetPositions(positions);
        run.SetText(utf8);
        run.SetClusters(clusters);
        return builder.Build() ?? throw new InvalidOperationException("text blob could not be built");
    }

    private static float Measure(string text, float size)
    {
        using var font = Font(Face.Value, size);
        return font.MeasureText(text);
    }

    /// <summary>Wraps by width. CJK text may break between any two characters, but a line never starts with closing
    /// punctuation (）、。，) nor ends with opening punctuation (（「), and a Latin word or number (moenv-2024,
    /// 1,234.5) is not split unless it alone is wider than the line.</summary>
    internal static IEnumerable<string> Wrap(string text, float size, float width)
    {
        // Materialised here: the font is native and must not be measured with after it is disposed.
        using var font = Font(Face.Value, size);
        return Wrap(text, width, s => font.MeasureText(s)).ToList();
    }

    internal static IEnumerable<string> Wrap(string text, float width, Func<string, float> measure)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (var token in Tokens(paragraph))
            {
                if (line.Length > 0 && measure(line.ToString() + token) > width)
                {
                    var current = line.ToString();
                    var next = token;
                    // Kinsoku: pull the previous character down so closing punctuation does not lead the line,
                    // and push opening punctuation down with what it opens.
                    var keep = current.Length;
                    while (keep > 1 && (IsClosing(next[0]) || IsOpening(current[keep - 1])) && !char.IsWhiteSpace(current[keep - 1]))
                    {
                        next = current[keep - 1] + next;
                        keep--;
                        if (!IsOpening(current[keep - 1]) && !IsClosing(next[0]))
                        {
                            break;
                        }
                    }

                    yield return current[..keep].TrimEnd();
                    line.Clear();
                    line.Append(next.TrimStart());
                    continue;
                }

                line.Append(token);
            }

            yield return line.ToString();
        }
    }

    /// <summary>Breakable pieces: one CJK character or punctuation mark, a Latin word or number with what sticks to
    /// it, or a run of spaces.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (IsWordChar(text[i]))
            {
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }
            }
            else if (text[i] == ' ')
            {
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }
            }
            else
            {
                i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            }

            yield return text[start..i];
        }
    }

    private static bool IsWordChar(char c) => c < 0x2E80 && c != ' ' && c is not ('(' or ')' or '[' or ']');

    private static bool IsClosing(char c) => "）)]】」』〉》、。，．,.;；:：!！?？%％".Contains(c, StringComparison.Ordinal);

    private static bool IsOpening(char c) => "（([【「『〈《".Contains(c, StringComparison.Ordinal);
}
