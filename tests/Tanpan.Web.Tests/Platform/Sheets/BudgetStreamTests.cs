using System.Text;
using System.Xml;
using Tanpan.Web.Platform.Sheets.Internal;

using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Tests.Platform.Sheets;

[Collection("upload-guard")]
public sealed class BudgetStreamTests
{
    [Fact]
    public void Budget_overrun_escapes_xml_reader_unwrapped()
    {
        // .NET 10 never inflates past the declared size, so this path is defence in depth; it must still stop the scan cleanly.
        var xml = new MemoryStream(Encoding.UTF8.GetBytes("<a>" + new string(' ', 100_000) + "<b/></a>"));
        using var budget = new BudgetStream(xml, 1000, read => new UploadFailure(UploadCodes.UncompressedTooLarge, $"read {read}"));
        var stop = Assert.Throws<GuardStopException>(() =>
        {
            using var reader = XmlReader.Create(budget);
            while (reader.Read())
            {
            }
        });

        Assert.Equal(UploadCodes.UncompressedTooLarge, stop.Failure.Code);
        Assert.True(budget.BytesRead <= 1000 + 65_536, $"read {budget.BytesRead} bytes");
    }
}
