using Tanpan.Web.Features.Accounts;

namespace Tanpan.Web.Tests.Features.Accounts;

public class TaxIdTests
{
    [Theory]
    [InlineData("04595257", true)]
    [InlineData("22099131", true)]
    [InlineData("53212539", true)]
    [InlineData("10458574", true)] // 7th digit 7: valid through the (sum + 1) rule
    [InlineData("12345675", true)] // same rule
    [InlineData("12345678", false)]
    [InlineData("88888888", false)]
    [InlineData("1234567", false)]
    [InlineData("1234567a", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Checksum(string? value, bool valid) => Assert.Equal(valid, TaxId.IsValid(value));
}
