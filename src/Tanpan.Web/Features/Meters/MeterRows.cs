using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Engine.Energy;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Meters;

/// <summary>One raw reading as received: the register value (counter meters) or the interval's quantity (interval
/// meters), before the multiplier. Key (meter, time): a reading sent twice is stored once. Written in bulk by
/// <see cref="ReadingWriter"/>, not through the change tracker; on PostgreSQL the table is partitioned by month.</summary>
public sealed class MeterReading : ITenantOwned
{
    public Guid MeterId { get; set; }

    public DateTime TUtc { get; set; }

    public decimal Value { get; set; }

    public Guid CompanyId { get; set; }
}

public enum RollupGrainCode
{
    QuarterHour = 15,
    Hour = 60,
    Day = 1440,
    Month = 43200,
}

/// <summary>A meter's quantity over one 15-min, hour, local-day or local-month bucket, after the multiplier;
/// recomputed from the raw readings whenever readings in or next to it arrive (late and out-of-order included).</summary>
public sealed class MeterRollup : ITenantOwned
{
    public Guid MeterId { get; set; }

    public RollupGrainCode Grain { get; set; }

    public DateTime StartUtc { get; set; }

    public decimal Quantity { get; set; }

    public Guid CompanyId { get; set; }
}

/// <summary>A time range of a meter whose roll-ups are stale because readings in it arrived; the roll-up worker
/// leases it, recomputes and deletes it, so a crash in between only repeats the work.</summary>
public sealed class MeterDirtyRange : ITenantOwned
{
    public long Id { get; set; }

    public Guid MeterId { get; set; }

    public DateTime FromUtc { get; set; }

    public DateTime ToUtc { get; set; }

    public DateTime? LeaseUntilUtc { get; set; }

    public Guid CompanyId { get; set; }
}

/// <summary>A gap, counter reset or rollover, spike or negative interval found while rolling up, kept for the page.</summary>
public sealed class MeterAnomaly : ITenantOwned
{
    public long Id { get; set; }

    public Guid MeterId { get; set; }

    public MeterEventKind Kind { get; set; }

    public DateTime FromUtc { get; set; }

    public DateTime ToUtc { get; set; }

    public decimal Quantity { get; set; }

    public required string Detail { get; set; }

    public Guid CompanyId { get; set; }
}

public enum IngestChannel
{
    Mqtt,
    Rest,
    Upload,
    Form,
    Replay,
}

/// <summary>One accepted payload: the audit of ingestion is per batch, not per reading.</summary>
public sealed class MeterBatch : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid MeterId { get; set; }

    public IngestChannel Channel { get; set; }

    public int Readings { get; set; }

    /// <summary>Readings new to the store; the rest repeated a stored (meter, time) and changed nothing, or corrected it.</summary>
    public int Inserted { get; set; }

    public DateTime FirstUtc { get; set; }

    public DateTime LastUtc { get; set; }

    public required string Actor { get; set; }

    public DateTime ReceivedAtUtc { get; set; }
}

/// <summary>A payload that could not be accepted, kept whole with the reason so that nothing is dropped silently;
/// it can be replayed once the cause is fixed (the meter created, the clock corrected).</summary>
public sealed class QuarantinedPayload : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string MeterCode { get; set; }

    public IngestChannel Channel { get; set; }

    public required string ContentType { get; set; }

    public required string Payload { get; set; }

    /// <summary>The field path of the first problem ("readings[3].t", "meter").</summary>
    public required string Field { get; set; }

    public required string Reason { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public DateTime? ReplayedAtUtc { get; set; }

    public string? ReplayedBy { get; set; }
}

/// <summary>The company's MQTT identity: its topic key and broker user. The password is shown once and kept only
/// on the broker.</summary>
public sealed class MeterBrokerAccount : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>The <c>{companyKey}</c> of the topic, also the broker user name.</summary>
    public required string Key { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? PasswordSetAtUtc { get; set; }

    public DateTime? DisabledAtUtc { get; set; }
}

internal sealed class MeterRowConfigurations :
    IEntityTypeConfiguration<MeterReading>, IEntityTypeConfiguration<MeterRollup>, IEntityTypeConfiguration<MeterDirtyRange>,
    IEntityTypeConfiguration<MeterAnomaly>, IEntityTypeConfiguration<MeterBatch>, IEntityTypeConfiguration<QuarantinedPayload>,
    IEntityTypeConfiguration<MeterBrokerAccount>
{
    /// <summary>SQLite gives times back without a kind; the engine's energy types take UTC only.</summary>
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime> AsUtc =
        new(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    public void Configure(EntityTypeBuilder<MeterReading> e)
    {
        // PostgreSQL: created by the migration as a table partitioned by month on TUtc (ReadingPartitions adds them).
        e.ToTable("MeterReadings");
        e.HasKey(x => new { x.MeterId, x.TUtc });
        e.Property(x => x.TUtc).HasConversion(AsUtc);
        e.Property(x => x.Value).HasPrecision(24, 9);
    }

    public void Configure(EntityTypeBuilder<MeterRollup> e)
    {
        e.ToTable("MeterRollups");
        e.HasKey(x => new { x.MeterId, x.Grain, x.StartUtc });
        e.Property(x => x.StartUtc).HasConversion(AsUtc);
        e.Property(x => x.Grain).HasConversion<int>();
        e.Property(x => x.Quantity).HasPrecision(28, 9);
    }

    public void Configure(EntityTypeBuilder<MeterDirtyRange> e)
    {
        e.ToTable("MeterDirtyRanges");
        e.Property(x => x.FromUtc).HasConversion(AsUtc);
        e.Property(x => x.ToUtc).HasConversion(AsUtc);
        e.HasIndex(x => x.MeterId);
    }

    public void Configure(EntityTypeBuilder<MeterAnomaly> e)
    {
        e.ToTable("MeterAnomalies");
        e.Property(x => x.FromUtc).HasConversion(AsUtc);
        e.Property(x => x.ToUtc).HasConversion(AsUtc);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Detail).HasMaxLength(300);
        e.Property(x => x.Quantity).HasPrecision(28, 9);
        e.HasIndex(x => new { x.MeterId, x.FromUtc });
    }

    public void Configure(EntityTypeBuilder<MeterBatch> e)
    {
        e.ToTable("MeterBatches");
        e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(12);
        e.Property(x => x.Actor).HasMaxLength(256);
        e.HasIndex(x => new { x.CompanyId, x.ReceivedAtUtc });
    }

    public void Configure(EntityTypeBuilder<QuarantinedPayload> e)
    {
        e.ToTable("MeterQuarantine");
        e.Property(x => x.MeterCode).HasMaxLength(200);
        e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(12);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Field).HasMaxLength(200);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.ReplayedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.CompanyId, x.ReceivedAtUtc });
    }

    public void Configure(EntityTypeBuilder<MeterBrokerAccount> e)
    {
        e.ToTable("MeterBrokerAccounts");
        e.Property(x => x.Key).HasMaxLength(40);
        e.HasIndex(x => x.Key).IsUnique();
        e.HasIndex(x => x.CompanyId).IsUnique();
    }
}
