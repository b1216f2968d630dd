namespace Tanpan.Web.Platform.Sheets.Internal;

/// <summary>Unwinds out of XmlReader/stream callbacks as soon as a limit is hit; never escapes <see cref="UploadGuard"/>.</summary>
internal sealed class GuardStopException(UploadFailure failure) : Exception(failure.Message)
{
    public UploadFailure Failure { get; } = failure;
}
