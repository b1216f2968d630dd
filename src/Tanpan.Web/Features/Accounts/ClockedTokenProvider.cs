using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Tanpan.Web.Features.Accounts;

/// <summary>Identity's data-protection token provider (reset and invitation links) on the injected clock: the stock one
/// reads <see cref="DateTimeOffset.UtcNow"/> directly, so a link's two-hour expiry could not be tested or controlled.
/// The token layout is the stock one (creation ticks, user id, purpose, security stamp), so links issued before
/// stay valid.</summary>
public sealed class ClockedTokenProvider<TUser>(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<DataProtectionTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<TUser>> logger,
    TimeProvider clock)
    : DataProtectorTokenProvider<TUser>(dataProtectionProvider, options, logger)
    where TUser : class
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override async Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Utf8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose ?? string.Empty);
            writer.Write(manager.SupportsUserSecurityStamp ? await manager.GetSecurityStampAsync(user) ?? string.Empty : string.Empty);
        }

        return Convert.ToBase64String(Protector.Protect(stream.ToArray()));
    }

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(Protector.Unprotect(Convert.FromBase64String(token))), Utf8);
            var created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            if (created + Options.TokenLifespan < clock.GetUtcNow()
                || reader.ReadString() != await manager.GetUserIdAsync(user)
                || reader.ReadString() != purpose)
            {
                return false;
            }

            var stamp = reader.ReadString();
            if (reader.PeekChar() != -1)
            {
                return false;
            }

            // The stamp changes with the password, so a used reset link does not work twice.
            return manager.SupportsUserSecurityStamp ? stamp == await manager.GetSecurityStampAsync(user) : stamp.Length == 0;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or IOException or ArgumentOutOfRangeException or DecoderFallbackException)
        {
            return false;
        }
    }
}
