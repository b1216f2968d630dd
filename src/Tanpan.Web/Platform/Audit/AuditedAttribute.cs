namespace Tanpan.Web.Platform.Audit;

/// <summary>Declares that changes to an entity type are written to the audit trail. Rows written in bulk (imports,
/// meter readings) are recorded as one batch entry per save once more than <see cref="BatchAbove"/> rows of the type
/// change together, so the trail stays readable and an import of 50,000 rows does not write 50,000 more.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedAttribute : Attribute
{
    /// <summary>0 means always as a batch (e.g. readings).</summary>
    public int BatchAbove { get; init; } = 100;
}
