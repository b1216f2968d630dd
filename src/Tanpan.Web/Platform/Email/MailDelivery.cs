namespace Tanpan.Web.Platform.Email;

public static class MailDelivery
{
    /// <summary>Sends, and reports failure instead of throwing: a decision or registration already saved must not be
    /// undone because the mail server is down. Returns whether the message left.</summary>
    public static async Task<bool> TrySendAsync(IEmailSender sender, ILogger logger, EmailMessage message, CancellationToken ct)
    {
        try
        {
            await sender.SendAsync(message, ct);
            return true;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or InvalidOperationException)
        {
            logger.LogError(ex, "E-mail to {To} ({Subject}) could not be sent", message.To, message.Subject);
            return false;
        }
    }
}
