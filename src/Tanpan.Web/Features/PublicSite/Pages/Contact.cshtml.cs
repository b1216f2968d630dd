using Microsoft.AspNetCore.Mvc;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Email;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.PublicSite.Pages;

/// <summary>The public contact form: stored for the operator and e-mailed to the operator's address.</summary>
public sealed class ContactModel(TanpanDb db, IEmailSender email, IConfiguration configuration, TimeProvider clock, ILogger<ContactModel> logger) : FormPage
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? CompanyName { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            AddError(nameof(Name), HttpContext.T("請填姓名", "your name is required"));
        }

        if (string.IsNullOrWhiteSpace(Email) || !System.Net.Mail.MailAddress.TryCreate(Email.Trim(), out _))
        {
            AddError(nameof(Email), HttpContext.T("請填有效的電子郵件", "a valid e-mail address is required"));
        }

        if (string.IsNullOrWhiteSpace(Message) || Message.Length > 4000)
        {
            AddError(nameof(Message), HttpContext.T("請填寫內容（4000 字以內）", "a message is required (up to 4000 characters)"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var message = new ContactMessage { Id = Guid.NewGuid(), Name = Name!.Trim(), Email = Email!.Trim(), CompanyName = CompanyName?.Trim(), Message = Message!.Trim(), ReceivedAtUtc = clock.GetUtcNow().UtcDateTime };
        db.ContactMessages.Add(message);
        await db.SaveChangesAsync(ct);
        await MailDelivery.TrySendAsync(email, logger, new EmailMessage(configuration["Operator:Email"] ?? "operator@tanpan.local", $"碳盤 Tanpan 聯絡表單：{message.Name}",
            $"{message.Name} <{message.Email}> {message.CompanyName}\n\n{message.Message}\n"), ct);
        Sent = true;
        return Page();
    }
}
