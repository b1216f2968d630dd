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
    // Valid only under the ÷5 rule (sums 5 and 15; 24 + 1 with the 7th-digit rule): the old ÷10 rule refuses them.
    [InlineData("10000004", true)]
    [InlineData("10000026", true)]
    [InlineData("10000778", true)]
    [InlineData("10000001", false)] // sum 2
    [InlineData("10000777", false)] // 7th digit 7, but neither the sum (23) nor the sum + 1 is divisible by 5
    [InlineData("12345678", false)]
    [InlineData("88888888", false)]
    [InlineData("1234567", false)]
    [InlineData("1234567a", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Checksum(string? value, bool valid) => Assert.Equal(valid, TaxId.IsValid(value));
}
