using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Email;

namespace Tanpan.Web.Features.Accounts;

public static class AccountServices
{
    public static IHostApplicationBuilder AddTanpanAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                // Failed sign-ins are limited by ISignInThrottle (per account and address); Identity's lockout, which
                // anyone can trigger for any account, is not fed (the sign-in page passes lockoutOnFailure: false).
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<TanpanDb>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ClockedTokenProvider<AppUser>>(TokenOptions.DefaultProvider)
            .AddClaimsPrincipalFactory<CompanyClaimsFactory>();

        // Reset links are single use (the token is bound to the security stamp, which a reset changes) and expire.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));

        // A password reset or a role change updates the user's security stamp; every other session notices within this
        // interval and is signed out. Cookie and validator read the app's clock so that tests can move it.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(30);
            o.TimeProvider = clock;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);

        services.Configure<SignInThrottleOptions>(builder.Configuration.GetSection("SignInThrottle"));
        services.AddSingleton<ISignInThrottle, InMemorySignInThrottle>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/access-denied";
            o.Cookie.Name = "tanpan.auth";
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        if (string.IsNullOrWhiteSpace(builder.Configuration["Smtp:Host"]))
        {
            services.AddSingleton<IEmailSender, LogEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }

        services.AddSingleton<EmailOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailOutbox>());
        return builder;
    }

    // API callers get a status code, pages get the redirect.
    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Adds the user's company to the sign-in cookie so each request knows its tenant without a lookup.</summary>
public sealed class CompanyClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.CompanyId is { } companyId)
        {
            identity.AddClaim(new Claim(TanpanClaims.Company, companyId.ToString()));
        }

        return identity;
    }
}
