using System.Threading.Channels;

namespace Tanpan.Web.Platform.Email;

/// <summary>E-mail sent after the response instead of during it, for pages whose answer must not take longer when a
/// message goes out (a reset request for a known address against one for an unknown address). In memory: a message
/// still queued when the process stops is lost, as one the mail server refused would be.</summary>
public sealed class EmailOutbox(IEmailSender sender, ILogger<EmailOutbox> logger) : BackgroundService
{
    private readonly Channel<EmailMessage> _queue = Channel.CreateBounded<EmailMessage>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(EmailMessage message)
    {
        if (!_queue.Writer.TryWrite(message))
        {
            logger.LogError("E-mail outbox full; message to {To} ({Subject}) dropped", message.To, message.Subject);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await MailDelivery.TrySendAsync(sender, logger, message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
