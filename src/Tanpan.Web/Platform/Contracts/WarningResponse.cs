namespace Tanpan.Web.Platform.Contracts;

/// <summary>A non-blocking remark about an input field (e.g. an estimated or defaulted value).</summary>
public sealed record WarningResponse(string Path, string Message);
