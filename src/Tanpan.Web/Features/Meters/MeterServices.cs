namespace Tanpan.Web.Features.Meters;

public static class MeterServices
{
    public static IServiceCollection AddMeters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReadingWriter>().AddSingleton<MeterIngestion>();
        services.AddScoped<MeterQueries>().AddScoped<Platform.Contracts.IMeteredEnergy>(sp => sp.GetRequiredService<MeterQueries>())
            .AddScoped<Platform.Contracts.IMeteredLoad, MeterLoadProfiles>();
        services.AddSingleton<RollupWorker>().AddHostedService(sp => sp.GetRequiredService<RollupWorker>());
        services.AddSingleton<MeterRetention>().AddHostedService(sp => sp.GetRequiredService<MeterRetention>());
        services.Configure<MeterOptions>(configuration.GetSection("Meters"));
        services.Configure<MqttOptions>(configuration.GetSection("Mqtt"));
        services.AddSingleton<MqttIngestion>().AddHostedService(sp => sp.GetRequiredService<MqttIngestion>());
        var mqtt = configuration.GetSection("Mqtt").Get<MqttOptions>();
        if (mqtt is { Host.Length: > 0, AdminUsername.Length: > 0 })
        {
            services.AddSingleton(new BrokerAdminOptions(mqtt.Host, mqtt.Port, mqtt.AdminUsername, mqtt.AdminPassword ?? string.Empty, mqtt.UseTls));
            services.AddSingleton<BrokerAccounts>();
        }

        return services;
    }
}

/// <summary>"Meters" settings.</summary>
public sealed class MeterOptions
{
    /// <summary>Raw readings older than this many months are removed (roll-ups are kept); null keeps them all.</summary>
    public int? RawRetentionMonths { get; set; }
}
