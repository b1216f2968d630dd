using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Pact;

/// <summary>Publishes a locked product footprint version over PACT. v3 has no version numbers: a new publication is a
/// new id, the product's previous active one turns Deprecated and is named in <c>precedingPfIds</c>.</summary>
public sealed class PublishFootprint(TanpanDb db, IPublishableFootprints footprints, TenantScope tenant, TimeProvider clock)
{
    public async Task<(PublishedFootprint? Published, Error? Error)> RunAsync(Guid productId, int version, CancellationToken ct)
    {
        var source = await footprints.FindAsync(productId, version, ct);
        if (source is null)
        {
            return (null, new NotFoundError("pact.publish.not-locked", $"Version {version} of this product is not a locked footprint (or its record failed verification)."));
        }

        if (await db.PactFootprints.AnyAsync(f => f.ProductId == productId && f.ProductVersion == version, ct))
        {
            return (null, new ConflictError("pact.publish.already", $"Version {version} of this product is already published."));
        }

        if (source.MassKg is not { } mass)
        {
            return (null, new BadRequestError("pact.publish.mass", "The product's weight (kg) is needed to publish: PACT states the product mass per declared unit. Enter it in the product information (重量)."));
        }

        if (source.GwpSet is not ("AR5" or "AR6"))
        {
            return (null, new BadRequestError("pact.publish.gwp", $"PACT footprints state AR5 or AR6 characterisation factors; this footprint used {source.GwpSet}."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var previous = await db.PactFootprints.Where(f => f.ProductId == productId && f.Status == PactFootprintStatus.Active).ToListAsync(ct);
        foreach (var p in previous)
        {
            p.Status = PactFootprintStatus.Deprecated;
            p.DeprecatedAtUtc = now;
        }

        var id = Guid.NewGuid();
        var record = StoredPactFootprint.From(source, tenant.CompanyId, id, previous.Select(p => p.Id).ToList(), now, mass);
        var (json, hash) = CanonicalJson.Seal(record);
        var row = new PublishedFootprint
        {
            Id = id, ProductId = productId, ProductVersion = version, Status = PactFootprintStatus.Active, CreatedAtUtc = now,
            PublishedBy = tenant.Actor, RecordJson = json, RecordHash = hash,
        };
        db.PactFootprints.Add(row);
        await db.SaveChangesAsync(ct);
        return (row, null);
    }
}
