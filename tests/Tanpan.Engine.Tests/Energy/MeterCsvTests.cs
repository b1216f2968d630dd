using Tanpan.Engine.Energy;
using static Tanpan.Engine.Tests.Energy.EnergyTestData;

namespace Tanpan.Engine.Tests.Energy;

public class MeterCsvTests
{
    private static readonly DateTime Now = Utc("2024-06-10T00:00:00Z");

    [Fact]
    public void BomCrLfAndBlankLines_AreAccepted()
    {
        var outcome = MeterCsv.Parse("\uFEFFt,kwh\r\n2024-06-05T08:15:00+08:00,1.5\r\n\r\n2024-06-05T00:30:00Z, 2 \r\n", Now, 100);

        var readings = outcome.Value.Readings;
        Assert.Equal([Utc("2024-06-05T00:15:00Z"), Utc("2024-06-05T00:30:00Z")], readings.Select(r => r.TUtc));
        Assert.Equal([1.5m, 2m], readings.Select(r => r.Value));
    }

    [Fact]
    public void ReorderedColumnsInAnyCase_WithQuotesAndAnExtraColumn_AreRead()
    {
        var outcome = MeterCsv.Parse("Value,meter,T\n3.5,\"A, north\",\"2024-06-05T08:45:00+08:00\"\n1,B,2024-06-05T00:30:00Z\n", Now, 100);

        var readings = outcome.Value.Readings;
        Assert.Equal([1m, 3.5m], readings.Select(r => r.Value));
        Assert.Equal(Utc("2024-06-05T00:45:00Z"), readings[1].TUtc);
    }

    [Fact]
    public void BadRows_ReportTheirLineNumberAndColumn()
    {
        // Line 3 is blank; line 4 has a field too many, line 5 a time without offset, line 6 a field too few.
        const string text = "t,kwh\n2024-06-05T00:15:00Z,1\n\n2024-06-05T00:30:00Z,1,5\n2024-06-05T08:45:00,2\n2024-06-05T01:00:00Z\n";

        var outcome = MeterCsv.Parse(text, Now, 100);

        Assert.Equal(["rows[4]", "rows[5].t", "rows[6]"], outcome.Errors.Select(e => e.Path));
        Assert.Equal("meter.reading.time", outcome.Errors[1].Code);

        var badValue = MeterCsv.Parse("T,Value\n2024-06-05T00:15:00Z,1\n2024-06-05T00:30:00Z,1e\n", Now, 100);
        Assert.Equal("rows[3].value", Assert.Single(badValue.Errors).Path);
    }

    [Fact]
    public void DuplicateTimes_FollowThePayloadRules()
    {
        var same = MeterCsv.Parse("t,kwh\n2024-06-05T00:15:00Z,1\n2024-06-05T08:15:00+08:00,1.0\n", Now, 100);
        Assert.Single(same.Value.Readings);

        var different = MeterCsv.Parse("t,kwh\n2024-06-05T00:15:00Z,1\n2024-06-05T08:15:00+08:00,2\n", Now, 100);
        var error = Assert.Single(different.Errors);
        Assert.Equal("rows[3].t", error.Path);
        Assert.Equal("meter.reading.duplicate", error.Code);
        Assert.StartsWith("t repeats rows[2] with a different value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderWithoutAValueColumnOrWithBoth_IsAnErrorOnLineOne()
    {
        Assert.Equal("rows[1]", Assert.Single(MeterCsv.Parse("t,meter\n2024-06-05T00:15:00Z,A\n", Now, 100).Errors).Path);
        Assert.Equal("rows[1]", Assert.Single(MeterCsv.Parse("t,kwh,value\n2024-06-05T00:15:00Z,1,1\n", Now, 100).Errors).Path);
        Assert.Equal("(body)", Assert.Single(MeterCsv.Parse("\uFEFF\n\n", Now, 100).Errors).Path);
    }

    [Fact]
    public void FutureTimeAndLimit_FollowThePayloadRules()
    {
        var future = MeterCsv.Parse("t,kwh\n2024-06-11T00:00:01Z,1\n", Now, 100);
        Assert.StartsWith("is in the future", Assert.Single(future.Errors).Message, StringComparison.Ordinal);

        const string two = "t,kwh\n2024-06-05T00:15:00Z,1\n2024-06-05T00:30:00Z,1\n";
        Assert.True(MeterCsv.Parse(two, Now, 2).Succeeded);
        var limit = Assert.Single(MeterCsv.Parse(two, Now, 1).Errors);
        Assert.Equal("rows", limit.Path);
        Assert.Equal("meter.readings.limit", limit.Code);
    }
}
