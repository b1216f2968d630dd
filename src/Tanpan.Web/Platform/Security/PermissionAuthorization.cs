using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Tanpan.Web.Platform.Security;

public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>A key holds a permission only through its scope and never through a role; a user only through a role,
/// and company permissions only with a company. The two never mix, because a request has one principal.</summary>
public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (Holds(context.User, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static bool Holds(ClaimsPrincipal user, Permission permission)
    {
        if (user.Identity is not { IsAuthenticated: true } identity)
        {
            return false;
        }

        if (identity.AuthenticationType == ApiKeyPrincipal.AuthenticationType)
        {
            return permission.OpenToApiKeys && user.HasClaim(ApiKeyPrincipal.ScopeClaim, permission.Name);
        }

        var companyPermission = permission != Permission.Operate;
        if (companyPermission && user.FindFirst(TanpanClaims.Company) is null)
        {
            return false;
        }

        foreach (var role in permission.Roles)
        {
            if (user.IsInRole(role))
            {
                return true;
            }
        }

        return false;
    }
}

public static class TanpanClaims
{
    /// <summary>The company a user belongs to, or a key was issued for.</summary>
    public const string Company = "tanpan:company";
}
