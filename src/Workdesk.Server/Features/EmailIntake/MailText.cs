using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Text;

namespace Workdesk.Server.Features.EmailIntake;

/// <summary>Reads the text of a mail: the plain-text part, or else the HTML part turned into text.</summary>
public static partial class MailText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol",
    };

    /// <summary>Returns the text of the message with line endings as \n, or an empty string when it has none.</summary>
    public static string Of(MimeMessage message)
    {
        var text = message.TextBody;
        if (string.IsNullOrWhiteSpace(text) && message.HtmlBody is { } html)
        {
            text = FromHtml(html);
        }

        return (text ?? "").ReplaceLineEndings("\n").Trim();
    }

    /// <summary>Drops the quoted earlier mail from a reply: everything from an "On ... wrote:" line or the first quoted line on.</summary>
    public static string WithoutQuote(string text)
    {
        var kept = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('>') || QuoteHeader().IsMatch(line))
            {
                break;
            }

            kept.Add(line);
        }

        var reply = string.Join('\n', kept).Trim();
        return reply.Length > 0 ? reply : text;
    }

    private static string FromHtml(string html)
    {
        var output = new StringBuilder();
        var skipped = 0;
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Name.Equals("script", StringComparison.OrdinalIgnoreCase) || tag.Name.Equals("style", StringComparison.OrdinalIgnoreCase):
                    // Text inside script and style elements is code, not part of the message.
                    if (tag.IsEndTag)
                    {
                        skipped--;
                    }
                    else if (!tag.IsEmptyElement)
                    {
                        skipped++;
                    }

                    break;
                case HtmlTagToken tag when BlockTags.Contains(tag.Name):
                    output.Append('\n');
                    break;
                case HtmlDataToken data when skipped <= 0:
                    output.Append(data.Data);
                    break;
            }
        }

        return BlankLines().Replace(output.ToString(), "\n\n");
    }

    [GeneratedRegex(@"^\s*(On .+ wrote:|-----\s*Original Message\s*-----)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuoteHeader();

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*)+")]
    private static partial Regex BlankLines();
}
