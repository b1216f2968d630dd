using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Products;

/// <summary>A product whose footprint the company declares under a PCR: its declared unit is one product; the
/// PCR's required product information is kept by field key (<see cref="InformationJson"/>).</summary>
[Audited]
public sealed class Product : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }

    public string? Model { get; set; }

    /// <summary>The PCR the footprint follows (a shipped id such as <c>tmba-cnc-lathe-2024</c>).</summary>
    public required string PcrId { get; set; }

    /// <summary><c>cradle-to-gate</c> (B2B) or <c>cradle-to-grave</c> (B2C).</summary>
    public required string Boundary { get; set; }

    /// <summary>The PCR's product information, {field key: value} as JSON.</summary>
    public string InformationJson { get; set; } = "{}";

    public DateOnly? DataFrom { get; set; }

    public DateOnly? DataTo { get; set; }

    public string? DataJustification { get; set; }

    /// <summary>The product this one is a what-if variant of (another motor, a lighter casting, green power):
    /// variants are compared side by side on the base product's page.</summary>
    public Guid? VariantOf { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>One line of the product's bill of materials, as an ERP/PLM exports it: a line number and its parent's
/// (empty = on the product itself). A line with lines under it is a sub-assembly (quantities of its lines are per
/// one of it); any other line is an activity: a library material, energy, transport or waste, or the supplier's own
/// footprint (<see cref="FactorValue"/>, primary data).</summary>
[Audited]
public sealed class BomLine : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid ProductId { get; set; }

    public int Position { get; set; }

    public required string LineNo { get; set; }

    public string? Parent { get; set; }

    public required string Name { get; set; }

    /// <summary>main | secondary | consumables | packaging | energy | water | transport | waste (the PCR's classes
    /// and the manufacturing inputs).</summary>
    public string? ComponentClass { get; set; }

    public decimal Quantity { get; set; }

    public required string Unit { get; set; }

    /// <summary>A library activity, <c>custom</c> with the supplier's factor, or empty for a sub-assembly.</summary>
    public string? Activity { get; set; }

    public string? Supplier { get; set; }

    public decimal? FactorValue { get; set; }

    public string? FactorUnit { get; set; }

    public string? FactorSource { get; set; }

    /// <summary>The reference period of the supplier's footprint, as stated (e.g. 2024-01~2024-12).</summary>
    public string? FactorPeriod { get; set; }

    /// <summary>A life-cycle stage code; empty = the stage of the line's parent (raw materials under the product).</summary>
    public string? Stage { get; set; }

    public bool Omitted { get; set; }

    /// <summary>The quantity's uncertainty as a lognormal geometric standard deviation (≥ 1; 1.1 ≈ −17 %/+21 % at 95 %),
    /// sampled by the Monte Carlo analysis.</summary>
    public decimal? UncertaintyGsd { get; set; }

    /// <summary>Data quality ratings per PACT (1 very good … 5 poor): technological, temporal, geographical
    /// representativeness of the data this line uses.</summary>
    public int? TechnologicalDqr { get; set; }

    /// <inheritdoc cref="TechnologicalDqr"/>
    public int? TemporalDqr { get; set; }

    /// <inheritdoc cref="TechnologicalDqr"/>
    public int? GeographicalDqr { get; set; }

    /// <summary>How the quantity was derived when it was not entered (<see cref="LineDerivation"/> as JSON): allocated
    /// from the site inventory by a stated key, or a transport / use / end-of-life scenario.</summary>
    public string? DerivationJson { get; set; }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> e)
    {
        e.ToTable("Products");
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Model).HasMaxLength(200);
        e.Property(x => x.PcrId).HasMaxLength(100);
        e.Property(x => x.Boundary).HasMaxLength(20);
        e.Property(x => x.InformationJson).HasMaxLength(20_000);
        e.Property(x => x.DataJustification).HasMaxLength(2000);
        e.HasIndex(x => x.VariantOf);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

internal sealed class BomLineConfiguration : IEntityTypeConfiguration<BomLine>
{
    public void Configure(EntityTypeBuilder<BomLine> e)
    {
        e.ToTable("BomLines");
        e.Property(x => x.LineNo).HasMaxLength(50);
        e.Property(x => x.Parent).HasMaxLength(50);
        e.Property(x => x.Name).HasMaxLength(300);
        e.Property(x => x.ComponentClass).HasMaxLength(20);
        e.Property(x => x.Quantity).HasPrecision(28, 10);
        e.Property(x => x.Unit).HasMaxLength(20);
        e.Property(x => x.Activity).HasMaxLength(200);
        e.Property(x => x.Supplier).HasMaxLength(200);
        e.Property(x => x.FactorValue).HasPrecision(28, 10);
        e.Property(x => x.FactorUnit).HasMaxLength(40);
        e.Property(x => x.FactorSource).HasMaxLength(1000);
        e.Property(x => x.FactorPeriod).HasMaxLength(50);
        e.Property(x => x.Stage).HasMaxLength(20);
        e.Property(x => x.UncertaintyGsd).HasPrecision(28, 10);
        e.Property(x => x.DerivationJson).HasMaxLength(4000);
        e.HasIndex(x => new { x.ProductId, x.LineNo }).IsUnique();
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

/// <summary>The products' tables, as members of <see cref="Data.TanpanDb"/>.</summary>
public static class ProductData
{
    extension(Data.TanpanDb db)
    {
        public DbSet<Product> Products => db.Set<Product>();

        public DbSet<BomLine> BomLines => db.Set<BomLine>();

        public DbSet<ProductFootprintVersion> ProductFootprints => db.Set<ProductFootprintVersion>();
    }
}
