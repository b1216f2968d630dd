namespace Tanpan.Web.Features.Accounts;

/// <summary>統一編號 (Taiwan business administration number) checksum. Weights 1,2,1,2,1,2,4,1; the digits of each
/// product are added; valid when the sum is divisible by 5 (Ministry of Finance rule since 2023, which includes
/// every number valid under the old ÷10 rule), or, when the 7th digit is 7, when the sum + 1 is.</summary>
public static class TaxId
{
    private static readonly int[] Weights = [1, 2, 1, 2, 1, 2, 4, 1];

    public static bool IsValid(string? value)
    {
        if (value is not { Length: 8 } || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var product = (value[i] - '0') * Weights[i];
            sum += (product / 10) + (product % 10);
        }

        return sum % 5 == 0 || (value[6] == '7' && (sum + 1) % 5 == 0);
    }
}
