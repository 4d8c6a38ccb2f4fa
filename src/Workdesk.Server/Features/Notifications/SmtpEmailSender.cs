using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Features.Notifications;

/// <summary>Sends one plain-text email through the configured SMTP server with MailKit.</summary>
public sealed class SmtpEmailSender(IOptions<ServerSettings> settings)
{
    /// <summary>Sends the email; a null <paramref name="messageId"/> lets MimeKit generate the Message-ID.</summary>
    public async Task SendAsync(string recipient, string subject, string body, CancellationToken ct, string? messageId = null)
    {
        var smtp = settings.Value.Smtp;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        if (messageId is not null)
        {
            message.MessageId = messageId;
        }

        // Marks the mail as automatic (RFC 3834), so that mail systems and other help desks send
        // no automatic reply to it, and no mail loop can start.
        message.Headers.Add("Auto-Submitted", "auto-replied");

        using var client = new SmtpClient { Timeout = 30_000 };
        var host = smtp.Host ?? throw new InvalidOperationException("Workdesk:Smtp:Host is not set; no email can be sent.");
        await client.ConnectAsync(host, smtp.Port, Security(smtp.Security), ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static SecureSocketOptions Security(string setting) => setting.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" or "ssl" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
