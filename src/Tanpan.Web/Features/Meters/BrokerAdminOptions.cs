namespace Tanpan.Web.Features.Meters;

/// <summary>Where the MQTT broker is and the dynamic-security admin client to administer it with.</summary>
public sealed record BrokerAdminOptions(string Host, int Port, string Username, string Password, bool UseTls = false);

/// <summary>A dynamic-security command the broker refused (its error text is in the message) or did not answer.</summary>
public sealed class BrokerAccountException : Exception
{
    public BrokerAccountException()
    {
    }

    public BrokerAccountException(string message)
        : base(message)
    {
    }

    public BrokerAccountException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The dynsec command that failed (<c>createClient</c>, …), when one did.</summary>
    public string? Command { get; init; }

    /// <summary>The broker's error text, when it sent one.</summary>
    public string? BrokerError { get; init; }
}
