using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Engine.Energy;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Meters;

public enum MeterKind
{
    /// <summary>A device that reports readings (MQTT, REST, upload).</summary>
    Physical,

    /// <summary>The sum or difference of other meters, computed from their roll-ups; it has no readings of its own.</summary>
    Virtual,

    /// <summary>Read by a person (a bill, a walk-round): register values typed in or uploaded.</summary>
    Manual,
}

public enum EnergyCarrier
{
    Electricity,
    NaturalGas,
    Fuel,
    Steam,
    Water,
}

/// <summary>A meter in a facility's hierarchy (main meter → sub-meters per line or machine). Its readings are in
/// <see cref="Unit"/> before <see cref="Multiplier"/> (CT/PT ratio); every quantity the platform shows is after it.</summary>
[Audited]
public sealed class Meter : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid FacilityId { get; set; }

    public Guid? ParentId { get; set; }

    /// <summary>The id in the MQTT topic and the REST path (<c>tanpan/{companyKey}/meters/{Code}/readings</c>).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The production line or machine it measures, for the dashboard's "by line" view and work-order windows.</summary>
    public string? Line { get; set; }

    public MeterKind Kind { get; set; }

    public EnergyCarrier Carrier { get; set; }

    /// <summary>The unit of the quantity (kWh, m3, L, kg, t, GJ).</summary>
    public required string Unit { get; set; }

    public decimal Multiplier { get; set; } = 1m;

    public MeterSemantics Semantics { get; set; }

    /// <summary>Interval meters: the interval length; counter meters: the reading cadence expected (for gap detection).</summary>
    public int IntervalMinutes { get; set; }

    /// <summary>The register's top value, after which it rolls over to zero (e.g. 99999.9); null = resets only.</summary>
    public decimal? CounterMax { get; set; }

    /// <summary>Physical ceiling in kW (or unit per hour): an interval above it is flagged as a spike.</summary>
    public decimal? MaxKw { get; set; }

    /// <summary>IANA time zone of the meter's site: days and months roll up on its local calendar.</summary>
    public required string TimeZone { get; set; }

    /// <summary>The emission source (register line) its monthly totals feed as activity data.</summary>
    public Guid? SourceId { get; set; }

    /// <summary>Virtual meters: the terms as "+CODE" / "-CODE", space separated (e.g. "+MAIN -LINE1 -LINE2").</summary>
    public string? Formula { get; set; }

    /// <summary>Alarm when the hour's emissions exceed this (kgCO2e/h).</summary>
    public decimal? AlarmKgCo2ePerHour { get; set; }

    /// <summary>Alarm when the hour's average power exceeds this (kW).</summary>
    public decimal? AlarmKw { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public MeterProfile Profile() => new(Semantics, Multiplier, IntervalMinutes, CounterMax, MaxKw);
}

internal sealed class MeterConfiguration : IEntityTypeConfiguration<Meter>
{
    public void Configure(EntityTypeBuilder<Meter> e)
    {
        e.ToTable("Meters");
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Line).HasMaxLength(100);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Carrier).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Semantics).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Unit).HasMaxLength(16);
        e.Property(x => x.TimeZone).HasMaxLength(64);
        e.Property(x => x.Formula).HasMaxLength(1000);
        e.Property(x => x.Multiplier).HasPrecision(18, 6);
        e.Property(x => x.CounterMax).HasPrecision(24, 6);
        e.Property(x => x.MaxKw).HasPrecision(18, 4);
        e.Property(x => x.AlarmKgCo2ePerHour).HasPrecision(18, 4);
        e.Property(x => x.AlarmKw).HasPrecision(18, 4);
        e.HasIndex(x => new { x.CompanyId, x.Code }).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
        // FacilityId and SourceId belong to the inventory feature; they are checked through ISiteRegister when saved.
        e.HasOne<Meter>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
