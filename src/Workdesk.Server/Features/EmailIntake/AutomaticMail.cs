using MimeKit;

namespace Workdesk.Server.Features.EmailIntake;

/// <summary>
/// Recognises mail written by a machine (auto-replies, bounces, mailing lists), which must never
/// open a request or get a reply, so that two systems cannot reply to each other in a loop.
/// </summary>
public static class AutomaticMail
{
    private static readonly string[] MachineSenders = ["mailer-daemon", "postmaster"];

    /// <summary>Returns why the message counts as automatic, or null when a person wrote it.</summary>
    public static string? Reason(MimeMessage message, MailboxAddress sender)
    {
        // RFC 3834: any Auto-Submitted value other than "no" marks automatic mail.
        var autoSubmitted = message.Headers[HeaderId.AutoSubmitted]?.Trim();
        if (!string.IsNullOrEmpty(autoSubmitted) && !autoSubmitted.Split(';')[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return $"Auto-Submitted: {autoSubmitted}";
        }

        var precedence = message.Headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        if (precedence is "bulk" or "junk" or "list")
        {
            return $"Precedence: {precedence}";
        }

        var localPart = sender.LocalPart.ToLowerInvariant();
        return MachineSenders.Contains(localPart) ? $"sender {sender.Address}" : null;
    }
}
