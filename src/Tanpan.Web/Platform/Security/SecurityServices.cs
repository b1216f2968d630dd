using Microsoft.AspNetCore.Authorization;

namespace Tanpan.Web.Platform.Security;

public static class SecurityServices
{
    /// <summary>One policy per permission, named by it: <c>.RequireAuthorization(Permission.WorkOrdersWrite.Name)</c>.</summary>
    public static IServiceCollection AddTanpanAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        var builder = services.AddAuthorizationBuilder();
        foreach (var permission in Permission.All)
        {
            builder.AddPolicy(permission.Name, p => p.AddRequirements(new PermissionRequirement(permission)));
        }

        return services;
    }

    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(permission.Name);
}
