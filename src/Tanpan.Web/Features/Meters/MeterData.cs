using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Meters;

/// <summary>The metering tables, as members of <see cref="TanpanDb"/>.</summary>
public static class MeterData
{
    extension(TanpanDb db)
    {
        public DbSet<Meter> Meters => db.Set<Meter>();

        public DbSet<MeterReading> MeterReadings => db.Set<MeterReading>();

        public DbSet<MeterRollup> MeterRollups => db.Set<MeterRollup>();

        public DbSet<MeterDirtyRange> MeterDirtyRanges => db.Set<MeterDirtyRange>();

        public DbSet<MeterAnomaly> MeterAnomalies => db.Set<MeterAnomaly>();

        public DbSet<MeterBatch> MeterBatches => db.Set<MeterBatch>();

        public DbSet<QuarantinedPayload> MeterQuarantine => db.Set<QuarantinedPayload>();

        public DbSet<MeterBrokerAccount> MeterBrokerAccounts => db.Set<MeterBrokerAccount>();
    }
}
