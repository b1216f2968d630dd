using System.IO.Compression;
using System.Xml.Linq;
using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Tests.Platform.Sheets;

/// <summary>The hand-written ODS keeps what ODF would otherwise collapse or reject: runs of spaces, leading and
/// trailing spaces, tabs, line breaks, full-precision decimals; control characters are dropped rather than making
/// the XML invalid; empty sheets and gaps are valid tables.</summary>
public sealed class OdsWriterTests
{
    private static readonly XNamespace Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static readonly XNamespace Office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static readonly XNamespace Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

    [Fact]
    public void Text_Spaces_AndNumbers_SurviveTheRoundTrip()
    {
        var cells = new Dictionary<(int, int), object?>
        {
            [(1, 1)] = " 前後有空白 ",
            [(1, 3)] = "a  b   c",
            [(2, 2)] = "第一行\n第二行\tTab",
            [(5, 1)] = 1234.5678901234567890123456m,
            [(5, 2)] = 42,
            [(6, 1)] = "bell\u0007gone",
            [(6, 2)] = null,
        };
        var bytes = OdsWriter.Write([new OdsWriter.Sheet("表一", cells), new OdsWriter.Sheet("空白", new Dictionary<(int, int), object?>())]);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Equal(["mimetype", "META-INF/manifest.xml", "content.xml"], zip.Entries.Select(e => e.FullName));
        var content = XDocument.Load(zip.GetEntry("content.xml")!.Open());
        var tables = content.Descendants(Table + "table").ToList();
        Assert.Equal(["表一", "空白"], tables.Select(t => (string)t.Attribute(Table + "name")!));
        var read = Read(tables[0]);

        Assert.Equal(" 前後有空白 ", read[(1, 1)]);
        Assert.Equal("a  b   c", read[(1, 3)]);
        Assert.Equal("第一行\n第二行\tTab", read[(2, 2)]);
        Assert.Equal("1234.5678901234567890123456", read[(5, 1)]);
        Assert.Equal("42", read[(5, 2)]);
        Assert.Equal("bellgone", read[(6, 1)]);
        Assert.Equal(6, read.Count);
        Assert.Single(tables[1].Elements(Table + "table-row"));
    }

    private static Dictionary<(int, int), string> Read(XElement table)
    {
        string P(XElement p) => string.Concat(p.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "s" } s => new string(' ', (int?)s.Attribute(Text + "c") ?? 1),
            XElement { Name.LocalName: "tab" } => "\t",
            _ => string.Empty,
        }));
        var cells = new Dictionary<(int, int), string>();
        var row = 1;
        foreach (var r in table.Elements(Table + "table-row"))
        {
            var col = 1;
            foreach (var c in r.Elements(Table + "table-cell"))
            {
                if ((string?)c.Attribute(Office + "value-type") is { } type)
                {
                    cells[(row, col)] = type == "float" ? (string)c.Attribute(Office + "value")! : string.Join("\n", c.Elements(Text + "p").Select(P));
                }

                col += (int?)c.Attribute(Table + "number-columns-repeated") ?? 1;
            }

            row += (int?)r.Attribute(Table + "number-rows-repeated") ?? 1;
        }

        return cells;
    }
}
