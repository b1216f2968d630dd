using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Tests.Architecture;

/// <summary>The layering rules (DESIGN §3), checked on the compiled code: every type a type uses — in its signatures
/// and in its method bodies, Razor pages included — is read from the assembly's metadata and IL.</summary>
public sealed partial class ArchitectureTests
{
    private const string FeaturesPrefix = "Tanpan.Web.Features.";

    private static readonly Assembly Web = typeof(TanpanDb).Assembly;

    [Fact]
    public void Engine_ReferencesOnlyTheBaseClassLibrary()
    {
        var references = typeof(Tanpan.Engine.Factors.FactorLibrary).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib", $"engine references {name}"));
    }

    [Fact]
    public void Features_UseOnlyPlatformDataAndTheEngine_NotEachOther()
    {
        var violations = new List<string>();
        foreach (var type in Web.GetTypes().Where(t => FeatureOf(t) is not null))
        {
            var feature = FeatureOf(type)!;
            foreach (var used in UsedTypes(type).Where(u => FeatureOf(u) is { } other && other != feature).Distinct())
            {
                violations.Add($"{type.FullName} ({feature}) uses {used.FullName}");
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations.Distinct().Take(30)));
    }

    [Fact]
    public void PlatformAndData_DoNotDependOnAnyFeature()
    {
        var lower = Web.GetTypes().Where(t => t.Namespace is { } ns && (ns.StartsWith("Tanpan.Web.Platform", StringComparison.Ordinal) || ns.StartsWith("Tanpan.Web.Data", StringComparison.Ordinal)));

        var violations = lower.SelectMany(t => UsedTypes(t).Where(u => FeatureOf(u) is not null).Select(u => $"{t.FullName} uses {u.FullName}")).Distinct().ToList();

        Assert.NotEmpty(lower);
        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(30)));
    }

    [Fact]
    public void TheLayers_HaveNoCycles_PlatformBelowDataBelowFeaturesBelowTheHost()
    {
        // Platform → (nothing of ours); Data → Platform; features → Data, Platform; Host → everything.
        static int Layer(Type t) => t.Namespace switch
        {
            { } ns when ns.StartsWith("Tanpan.Web.Platform", StringComparison.Ordinal) => 0,
            { } ns when ns.StartsWith("Tanpan.Web.Data", StringComparison.Ordinal) => 1,
            { } ns when ns.StartsWith(FeaturesPrefix, StringComparison.Ordinal) => 2,
            { } ns when ns.StartsWith("Tanpan.Web.Host", StringComparison.Ordinal) => 3,
            _ => -1,
        };

        var ours = Web.GetTypes().Where(t => Layer(t) >= 0).ToArray();
        var violations = ours
            .SelectMany(t => UsedTypes(t).Where(u => u.Assembly == Web && Layer(u) > Layer(t)).Select(u => $"{t.FullName} uses {u.FullName}"))
            .Distinct().ToList();

        Assert.Contains(ours, t => Layer(t) == 3);
        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(30)));
    }

    [Fact]
    public void TheDependencyReader_SeesUsesInsideMethodBodies()
    {
        // The rules above are only as good as the reader: a type used only inside a method body (here: constructed
        // in a lambda and in an async method) must be found, or a violation would pass unnoticed.
        var used = UsedTypes(typeof(Probe)).ToHashSet();

        Assert.Contains(typeof(UriBuilder), used);
        Assert.Contains(typeof(Regex), used);
        Assert.Contains(typeof(System.Text.StringBuilder), used);
    }

    [Fact]
    public void EveryTenantOwnedEntity_HasTheTenantFilter_AndItsConfigurationLivesWithIt()
    {
        using var db = ModelOnlyDb();
        var owned = db.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).ToArray();
        var configurations = Web.GetTypes()
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)).Select(i => (Entity: i.GetGenericArguments()[0], Configuration: t)))
            .ToLookup(x => x.Entity, x => x.Configuration);

        Assert.True(owned.Length >= 10, $"only {owned.Length} tenant-owned entities found");
        Assert.All(owned, t =>
        {
            Assert.True(t.GetDeclaredQueryFilters().Count > 0, $"{t.ClrType.Name} has no tenant query filter");
            var configuration = Assert.Single(configurations[t.ClrType]);
            Assert.True(configuration.Namespace == t.ClrType.Namespace, $"{t.ClrType.Name} ({t.ClrType.Namespace}) is configured by {configuration.FullName}");
        });
    }

    /// <summary>The feature a type belongs to (<c>Inventory</c> for <c>Tanpan.Web.Features.Inventory.Pages.X</c>).</summary>
    private static string? FeatureOf(Type type)
    {
        var ns = type.Namespace;
        if (ns is null || !ns.StartsWith(FeaturesPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[FeaturesPrefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Every type named by a type: base type, interfaces, attributes, members' signatures, and each type,
    /// field and method its method bodies refer to (calls, constructions, field access, casts, typeof).</summary>
    private static IEnumerable<Type> UsedTypes(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || !found.Add(t))
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var a in type.GetCustomAttributesData())
        {
            Add(a.AttributeType);
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var f in type.GetFields(all))
        {
            Add(f.FieldType);
        }

        foreach (var p in type.GetProperties(all))
        {
            Add(p.PropertyType);
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo mi)
            {
                Add(mi.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            foreach (var t in BodyTypes(method))
            {
                Add(t);
            }
        }

        // Lambdas, local functions and async/iterator state machines are nested types of their own.
        foreach (var nested in type.GetNestedTypes(all))
        {
            foreach (var t in UsedTypes(nested))
            {
                found.Add(t);
            }
        }

        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    var token = BitConverter.ToInt32(il, at);
                    MemberInfo? member;
                    try
                    {
                        member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (ArgumentException)
                    {
                        member = null;
                    }

                    if (member is Type t)
                    {
                        yield return t;
                    }
                    else if (member?.DeclaringType is { } declaring)
                    {
                        yield return declaring;
                        if (member is MethodInfo called)
                        {
                            yield return called.ReturnType;
                            foreach (var argument in called.IsGenericMethod ? called.GetGenericArguments() : [])
                            {
                                yield return argument;
                            }
                        }
                    }

                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static SqliteTanpanDb ModelOnlyDb() =>
        new(new DbContextOptionsBuilder<SqliteTanpanDb>().UseSqlite("Data Source=:memory:").Options, new TenantScope());

    private static partial class Probe
    {
        public static Func<string> Lambda() => () => new UriBuilder("http://x").Host;

        public static async Task<int> AsyncAsync()
        {
            await Task.Yield();
            return new System.Text.StringBuilder().Append(MyRegex().IsMatch("a")).Length;
        }

        [GeneratedRegex("a")]
        private static partial Regex MyRegex();
    }
}

/// <summary>Per provider: the migrations match the model, and the PostgreSQL fixture really talks to PostgreSQL.</summary>
public sealed class StorageArchitectureTests_Sqlite(SqliteApp app) : StorageArchitectureTests(app), IClassFixture<SqliteApp>;

public sealed class StorageArchitectureTests_Postgres(PostgresApp app) : StorageArchitectureTests(app), IClassFixture<PostgresApp>;

public abstract class StorageArchitectureTests(TanpanApp app)
{
    [Fact]
    public void Migrations_MatchTheModel()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();

        Assert.False(db.Database.HasPendingModelChanges(), $"{app.Provider}: run dotnet ef migrations add");
        Assert.Empty(db.Database.GetPendingMigrations());
    }

    [Fact]
    public async Task TheFixture_RunsOnTheProviderItNames()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = app.Provider == Provider.Postgres ? "SELECT version()" : "SELECT sqlite_version()";
        var version = (string)(await command.ExecuteScalarAsync())!;

        if (app.Provider == Provider.Postgres)
        {
            Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
            Assert.IsType<PostgresTanpanDb>(db);
            Assert.Equal("NpgsqlConnection", connection.GetType().Name);
            Assert.StartsWith("PostgreSQL ", version, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
            Assert.IsType<SqliteTanpanDb>(db);
            Assert.Matches("^3\\.", version);
        }
    }
}
