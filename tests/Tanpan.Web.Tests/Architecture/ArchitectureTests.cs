using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Tests.Architecture;

public sealed class ArchitectureTests_Sqlite(SqliteApp app) : ArchitectureTests(app), IClassFixture<SqliteApp>;

public sealed class ArchitectureTests_Postgres(PostgresApp app) : ArchitectureTests(app), IClassFixture<PostgresApp>;

public abstract class ArchitectureTests(TanpanApp app)
{
    [Fact]
    public void Engine_ReferencesOnlyTheBaseClassLibrary()
    {
        var references = typeof(Tanpan.Engine.Factors.FactorLibrary).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib", $"engine references {name}"));
    }

    [Fact]
    public void EveryTenantOwnedEntity_HasTheTenantQueryFilter()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();

        var owned = db.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).ToArray();

        Assert.NotEmpty(owned);
        Assert.All(owned, t => Assert.True(t.GetDeclaredQueryFilters().Count > 0, $"{t.ClrType.Name} has no tenant query filter"));
    }

    [Fact]
    public void Migrations_MatchTheModel()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();

        Assert.False(db.Database.HasPendingModelChanges(), $"{app.Provider}: run dotnet ef migrations add");
        Assert.Empty(db.Database.GetPendingMigrations());
    }
}
