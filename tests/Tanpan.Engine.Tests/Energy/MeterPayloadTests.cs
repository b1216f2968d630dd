using System.Globalization;
using System.Text;
using Tanpan.Engine.Common;
using Tanpan.Engine.Energy;
using static Tanpan.Engine.Tests.Energy.EnergyTestData;

namespace Tanpan.Engine.Tests.Energy;

public class MeterPayloadTests
{
    private static readonly DateTime Now = Utc("2024-06-10T00:00:00Z");

    private static Outcome<ParsedReadings> Parse(string json, int maxReadings = 1000) =>
        MeterPayload.Parse(Encoding.UTF8.GetBytes(json), Now, maxReadings);

    private static FieldError SingleError(string json, int maxReadings = 1000)
    {
        var outcome = Parse(json, maxReadings);
        Assert.False(outcome.Succeeded);
        return Assert.Single(outcome.Errors);
    }

    [Fact]
    public void Valid_ReadingsWithOffsetsOrZ_AreUtcAndSorted()
    {
        var outcome = Parse("""{"readings":[{"t":"2024-06-05T08:30:00+08:00","kwh":13},{"t":"2024-06-05T00:15:00Z","value":12.5},{"kwh":-1.25e1,"t":"2024-06-05T00:00:00.5-00:00"}]}""");

        var readings = outcome.Value.Readings;
        Assert.Equal([Utc("2024-06-05T00:00:00.5Z"), Utc("2024-06-05T00:15:00Z"), Utc("2024-06-05T00:30:00Z")], readings.Select(r => r.TUtc));
        Assert.Equal([-12.5m, 12.5m, 13m], readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.Equal(DateTimeKind.Utc, r.TUtc.Kind));
    }

    [Fact]
    public void EscapedTimeString_IsReadLikeAPlainOne()
    {
        var outcome = Parse("""{"readings":[{"t":"2024-06-05T08:15:00\u002B08:00","kwh":1}]}""");

        Assert.Equal(Utc("2024-06-05T00:15:00Z"), Assert.Single(outcome.Value.Readings).TUtc);
    }

    [Fact]
    public void TimeWithoutOffset_IsAnError()
    {
        var error = SingleError("""{"readings":[{"t":"2024-06-05T00:00:00Z","kwh":1},{"t":"2024-06-05T08:15:00","kwh":1}]}""");

        Assert.Equal("readings[1].t", error.Path);
        Assert.Equal("meter.reading.time", error.Code);
        Assert.Contains("must be an ISO 8601 time with its UTC offset, e.g. 2024-06-05T08:15:00+08:00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-06-05")]
    [InlineData("2024-06-31T00:00:00Z")]
    [InlineData("2024-06-05T24:00:00Z")]
    [InlineData("2024-06-05T08:15:00+15:00")]
    [InlineData("05/06/2024 08:15")]
    public void MalformedTime_IsAnError(string time)
    {
        var error = SingleError($$"""{"readings":[{"t":"{{time}}","kwh":1}]}""");

        Assert.Equal("readings[0].t", error.Path);
        Assert.Equal("meter.reading.time", error.Code);
    }

    [Fact]
    public void FutureTime_BeyondOneDayAfterNow_IsAnError()
    {
        Assert.True(Parse("""{"readings":[{"t":"2024-06-11T00:00:00Z","kwh":1}]}""").Succeeded);

        var error = SingleError("""{"readings":[{"t":"2024-06-11T08:00:01+08:00","kwh":1}]}""");

        Assert.Equal("readings[0].t", error.Path);
        Assert.StartsWith("is in the future", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeBefore2000_IsAnError()
    {
        var error = SingleError("""{"readings":[{"t":"2000-01-01T07:59:59+08:00","kwh":1}]}""");

        Assert.Equal("readings[0].t", error.Path);
        Assert.StartsWith("is before 2000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"12.5\"")]
    [InlineData("\"NaN\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void NonNumberValue_IsAnError(string value)
    {
        var error = SingleError($$"""{"readings":[{"t":"2024-06-05T00:00:00Z","kwh":{{value}}}]}""");

        Assert.Equal("readings[0].kwh", error.Path);
        Assert.Equal("meter.reading.value", error.Code);
    }

    [Fact]
    public void ValueBothOrNeither_IsAnError()
    {
        var outcome = Parse("""{"readings":[{"t":"2024-06-05T00:00:00Z","kwh":1,"value":1},{"t":"2024-06-05T00:15:00Z"}]}""");

        Assert.Equal(["readings[0].value", "readings[1].kwh"], outcome.Errors.Select(e => e.Path));
    }

    [Fact]
    public void UnknownProperty_AtEitherLevel_IsAnErrorNamingItsPath()
    {
        var outcome = Parse("""{"meter":"A","readings":[{"t":"2024-06-05T00:00:00Z","kwh":1},{"t":"2024-06-05T00:15:00Z","kwh":1,"unit":{"x":[1]}}]}""");

        Assert.Equal(["meter", "readings[1].unit"], outcome.Errors.Select(e => e.Path));
        Assert.All(outcome.Errors, e => Assert.Equal("meter.payload.unknown", e.Code));
    }

    [Theory]
    [InlineData("""{"readings":[{"t":"2024-06-05T00:00:00Z","kwh":1},]}""")]
    [InlineData("""{"readings":[{"t":"2024-06-05T00:00:00Z","kwh":NaN}]}""")]
    [InlineData("""{"readings":[{"t":"2024-06-05T00:00:00Z","kwh":1}]""")]
    [InlineData("""{"readings":[]} x""")]
    [InlineData("")]
    public void MalformedJson_IsABodyErrorWithTheBytePosition(string json)
    {
        var error = SingleError(json);

        Assert.Equal("(body)", error.Path);
        Assert.Equal("meter.payload.json", error.Code);
        Assert.Contains("at byte ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BodyNotAnObjectOrWithoutReadings_IsAnError()
    {
        Assert.Equal("(body)", SingleError("""[{"t":"2024-06-05T00:00:00Z","kwh":1}]""").Path);
        Assert.Equal("readings", SingleError("{}").Path);
        Assert.Equal("readings", SingleError("""{"readings":{"t":"2024-06-05T00:00:00Z"}}""").Path);
    }

    [Fact]
    public void DuplicateTimeWithTheSameValue_IsKeptOnce()
    {
        var outcome = Parse("""{"readings":[{"t":"2024-06-05T08:00:00+08:00","kwh":1.50},{"t":"2024-06-05T00:15:00Z","kwh":2},{"t":"2024-06-05T00:00:00Z","kwh":1.5}]}""");

        Assert.Equal([1.5m, 2m], outcome.Value.Readings.Select(r => r.Value));
    }

    [Fact]
    public void DuplicateTimeWithADifferentValue_IsAnErrorAtTheSecond()
    {
        var error = SingleError("""{"readings":[{"t":"2024-06-05T08:00:00+08:00","kwh":1.5},{"t":"2024-06-05T00:15:00Z","kwh":2},{"t":"2024-06-05T00:00:00Z","kwh":1.6}]}""");

        Assert.Equal("readings[2].t", error.Path);
        Assert.Equal("meter.reading.duplicate", error.Code);
        Assert.StartsWith("t repeats readings[0] with a different value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreReadingsThanTheLimit_IsAnError()
    {
        const string json = """{"readings":[{"t":"2024-06-05T00:00:00Z","kwh":1},{"t":"2024-06-05T00:15:00Z","kwh":1},{"t":"2024-06-05T00:30:00Z","kwh":1}]}""";
        Assert.True(Parse(json, maxReadings: 3).Succeeded);

        var error = SingleError(json, maxReadings: 2);

        Assert.Equal("readings", error.Path);
        Assert.Equal("meter.readings.limit", error.Code);
        Assert.Contains("at most 2 readings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfOrderInput_IsReturnedSorted()
    {
        var outcome = Parse("""{"readings":[{"t":"2024-06-05T00:30:00Z","kwh":3},{"t":"2024-06-05T00:00:00Z","kwh":1},{"t":"2024-06-05T00:15:00Z","kwh":2}]}""");

        Assert.Equal([1m, 2m, 3m], outcome.Value.Readings.Select(r => r.Value));
        Assert.Equal(Utc("2024-06-05T00:00:00Z"), outcome.Value.Readings[0].TUtc);
    }

    [Fact]
    public void TwoHundredThousandReadings_ParseInOrder_WithFullPrecision()
    {
        var json = new StringBuilder("{\"readings\":[");
        var start = Utc("2018-01-01T00:00:00Z"); // 200 000 quarter hours later is September 2023
        for (var i = 0; i < 200_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"t\":\"")
                .Append(start.AddMinutes(15 * i).AddHours(8).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", CultureInfo.InvariantCulture))
                .Append("\",\"kwh\":").Append((i * 1.25m).ToString(CultureInfo.InvariantCulture)).Append('}');
        }

        var bytes = Encoding.UTF8.GetBytes(json.Append("]}").ToString());
        // Its speed is measured by the ingest benchmark (bench/), not here.
        var outcome = MeterPayload.Parse(bytes, Now, 1_000_000);

        Assert.Equal(200_000, outcome.Value.Readings.Count);
        Assert.Equal(199_999 * 1.25m, outcome.Value.Readings[^1].Value);
        Assert.Equal(start.AddMinutes(15 * 123_456), outcome.Value.Readings[123_456].TUtc);
    }
}
