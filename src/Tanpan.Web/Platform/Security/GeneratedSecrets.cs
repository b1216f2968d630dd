using System.Security.Cryptography;

namespace Tanpan.Web.Platform.Security;

/// <summary>Passwords made at first start instead of shipped constants, from the OS's cryptographic random source
/// (API keys: <see cref="ApiKeys.Generate"/>).</summary>
public static class GeneratedSecrets
{
    // No look-alikes (0/O, 1/l/I), so a password read off a console can be typed.
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";

    /// <summary>Four groups of five (about 110 bits), with upper case, lower case and a digit so that it meets the
    /// Identity password rules however the groups fall.</summary>
    public static string Password()
    {
        while (true)
        {
            var candidate = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Lower + Upper + Digits, 5)));
            if (candidate.Any(char.IsAsciiLetterUpper) && candidate.Any(char.IsAsciiLetterLower) && candidate.Any(char.IsAsciiDigit))
            {
                return candidate;
            }
        }
    }
}
