using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Tests.Platform;

public sealed class TenantScopeTests_Sqlite(SqliteApp app) : TenantScopeTests(app), IClassFixture<SqliteApp>;

public sealed class TenantScopeTests_Postgres(PostgresApp app) : TenantScopeTests(app), IClassFixture<PostgresApp>;

/// <summary>Tenancy outside requests: a background worker (MQTT consumer, PACT callback sender, report job) enters
/// the <see cref="TenantScope"/> itself, and the same filter, stamping and audit rules hold as in a request.</summary>
public abstract class TenantScopeTests(TanpanApp app)
{
    private const string Worker = "worker:meter-ingest";

    [Fact]
    public async Task AWorkersScope_StampsItsRows_AndAuditsThemAsTheWorker()
    {
        var company = await app.CreateApprovedCompanyAsync("背景工作公司");
        var id = Guid.NewGuid();

        await using (var work = app.Services.CreateAsyncScope())
        {
            work.ServiceProvider.GetRequiredService<TenantScope>().Enter(company, Worker, PrincipalKind.System);
            var db = work.ServiceProvider.GetRequiredService<TanpanDb>();
            db.Facilities.Add(new Facility { Id = id, Name = "電錶匯入廠區" });
            await db.SaveChangesAsync();
        }

        await using var check = app.Services.CreateAsyncScope();
        check.ServiceProvider.GetRequiredService<TenantScope>().Enter(company, "test", PrincipalKind.System);
        var read = check.ServiceProvider.GetRequiredService<TanpanDb>();
        Assert.Equal(company, (await read.Facilities.SingleAsync(f => f.Id == id)).CompanyId);
        var audit = await read.Audit.SingleAsync(a => a.EntityId == id.ToString());
        Assert.Equal(Worker, audit.User);
        Assert.Equal(nameof(Facility), audit.Entity);
        Assert.Equal("Added", audit.Action);
        Assert.Equal(company, audit.CompanyId);
    }

    [Fact]
    public async Task WithoutAScope_TenantRowsAreInvisible_AndCannotBeSaved()
    {
        var company = await app.CreateApprovedCompanyAsync("無範圍公司");
        await using (var work = app.Services.CreateAsyncScope())
        {
            work.ServiceProvider.GetRequiredService<TenantScope>().Enter(company, Worker, PrincipalKind.System);
            var db = work.ServiceProvider.GetRequiredService<TanpanDb>();
            db.Facilities.Add(new Facility { Id = Guid.NewGuid(), Name = "既有廠區" });
            await db.SaveChangesAsync();
        }

        await using var stray = app.Services.CreateAsyncScope();
        var strayDb = stray.ServiceProvider.GetRequiredService<TanpanDb>();

        Assert.Empty(await strayDb.Facilities.ToListAsync());
        strayDb.Facilities.Add(new Facility { Id = Guid.NewGuid(), Name = "孤兒廠區" });
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => strayDb.SaveChangesAsync());
        Assert.Contains("tenant", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await strayDb.Facilities.IgnoreQueryFilters().CountAsync(f => f.CompanyId == company));
    }

    [Fact]
    public async Task AWorkerForOneCompany_CannotWriteAnotherCompanysRow_NorSwitchCompany()
    {
        var mine = await app.CreateApprovedCompanyAsync("工作者公司");
        var theirs = await app.CreateApprovedCompanyAsync("他人公司");
        await using var work = app.Services.CreateAsyncScope();
        var scope = work.ServiceProvider.GetRequiredService<TenantScope>();
        scope.Enter(mine, Worker, PrincipalKind.System);
        var db = work.ServiceProvider.GetRequiredService<TanpanDb>();

        db.Facilities.Add(new Facility { Id = Guid.NewGuid(), CompanyId = theirs, Name = "越界廠區" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Throws<InvalidOperationException>(() => scope.Enter(theirs, Worker, PrincipalKind.System));
        Assert.Equal(0, await db.Facilities.IgnoreQueryFilters().CountAsync(f => f.CompanyId == theirs));
    }

    [Fact]
    public async Task BulkRowsOfAWorker_AreAuditedAsOneBatch_FewRowsOneByOne()
    {
        var company = await app.CreateApprovedCompanyAsync("批次稽核公司");
        await using (var work = app.Services.CreateAsyncScope())
        {
            work.ServiceProvider.GetRequiredService<TenantScope>().Enter(company, Worker, PrincipalKind.System);
            var db = work.ServiceProvider.GetRequiredService<TanpanDb>();
            db.Facilities.AddRange(Enumerable.Range(0, 150).Select(i => new Facility { Id = Guid.NewGuid(), Name = $"量測點 {i}" }));
            await db.SaveChangesAsync();
            db.Facilities.AddRange(Enumerable.Range(0, 3).Select(i => new Facility { Id = Guid.NewGuid(), Name = $"少量 {i}" }));
            await db.SaveChangesAsync();
        }

        await using var check = app.Services.CreateAsyncScope();
        check.ServiceProvider.GetRequiredService<TenantScope>().Enter(company, "test", PrincipalKind.System);
        var audit = await check.ServiceProvider.GetRequiredService<TanpanDb>().Audit.Where(a => a.Entity == nameof(Facility)).ToListAsync();

        var batch = Assert.Single(audit, a => a.Action == "Added (batch)");
        Assert.Equal("150 rows", batch.EntityId);
        Assert.Equal(Worker, batch.User);
        Assert.Equal(3, audit.Count(a => a.Action == "Added"));
        Assert.Equal(4, audit.Count);
    }
}
