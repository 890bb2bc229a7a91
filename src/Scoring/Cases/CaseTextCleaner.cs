using System.Net;
using System.Text.RegularExpressions;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Reduces a case's subject or description to what the customer wrote this time: HTML markup, quoted earlier
/// messages ("On … wrote:", "&gt;" lines, "From:/Sent:" headers, "Original Message" separators) and signatures
/// ("-- " and sign-offs such as "Best regards," followed by a few short lines) are removed.
/// </summary>
public static partial class CaseTextCleaner
{
    /// <summary>Longest cleaned text kept; a longer description is cut, so one huge e-mail cannot dominate training cost.</summary>
    public const int MaxLength = 20_000;

    // A signature after a sign-off is short: a name, a title, a phone number.
    private const int MaxSignatureLines = 6;
    private const int MaxSignatureLineLength = 60;

    /// <summary>The cleaned text; empty for null or blank input. Never throws on malformed HTML.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        // Very long input is cut before the regular expressions run, keeping their cost linear and bounded.
        var input = text.Length > MaxLength * 4 ? text[..(MaxLength * 4)] : text;
        var plain = LooksLikeHtml(input) ? StripHtml(input) : input;
        var lines = plain.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var kept = new List<string>(lines.Length);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (StartsQuotedHistory(line))
            {
                break;
            }

            if (line.StartsWith('>'))
            {
                continue;
            }

            kept.Add(line);
        }

        CutSignature(kept);
        var joined = string.Join('\n', kept.Where(l => l.Length > 0));
        joined = Whitespace().Replace(joined, " ").Trim();
        return joined.Length > MaxLength ? joined[..MaxLength] : joined;
    }

    private static bool LooksLikeHtml(string text) => text.Contains('<', StringComparison.Ordinal) && HtmlTag().IsMatch(text)
        || text.Contains("&nbsp;", StringComparison.OrdinalIgnoreCase) || text.Contains("&amp;", StringComparison.OrdinalIgnoreCase);

    private static string StripHtml(string html)
    {
        var text = ScriptOrStyle().Replace(html, " ");
        text = HtmlComment().Replace(text, " ");
        // A quoted earlier message in HTML mail is a blockquote: drop it with its content.
        text = Blockquote().Replace(text, "\n");
        text = BlockBreak().Replace(text, "\n");
        text = HtmlTag().Replace(text, " ");
        return WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
    }

    // Everything from the first line that introduces an earlier message on is history, not this message.
    private static bool StartsQuotedHistory(string line) =>
        OnWrote().IsMatch(line)
        || OriginalMessage().IsMatch(line)
        || HeaderFrom().IsMatch(line)
        || ChineseWrote().IsMatch(line)
        || line.StartsWith("发件人：", StringComparison.Ordinal) || line.StartsWith("发件人:", StringComparison.Ordinal);

    private static void CutSignature(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            // "-- " (RFC 3676 signature separator; trimmed here) and mobile footers end the message outright.
            if (lines[i] is "--" or "—" or "__" || MobileFooter().IsMatch(lines[i]))
            {
                lines.RemoveRange(i, lines.Count - i);
                return;
            }
        }

        // A sign-off followed only by a few short lines (name, title, phone) is a signature; a sign-off followed by
        // more text ("Thanks, but the order still has not arrived …") is not.
        for (var i = lines.Count - 1; i >= 1 && i >= lines.Count - MaxSignatureLines - 1; i--)
        {
            if (SignOff().IsMatch(lines[i]) && lines.Skip(i + 1).All(l => l.Length <= MaxSignatureLineLength))
            {
                lines.RemoveRange(i, lines.Count - i);
                return;
            }
        }
    }

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z][a-zA-Z0-9:-]*(\s[^<>]*)?/?\s*>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"<\s*(script|style|head)\b[^>]*>.*?<\s*/\s*\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<\s*blockquote\b[^>]*>.*?(<\s*/\s*blockquote\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Blockquote();

    [GeneratedRegex(@"<\s*(br|/p|p|/div|div|/li|li|/tr|tr|/h[1-6]|hr)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BlockBreak();

    [GeneratedRegex(@"^(On|Am|Le|El)\s.{3,200}\s(wrote|schrieb|a écrit|escribió)\s?:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OnWrote();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht)\s*-{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OriginalMessage();

    // Outlook's reply header: "From: Name <address>" (followed by Sent:/To:/Subject: lines).
    [GeneratedRegex(@"^\*?(From|Von|De)\s?:\*?\s.+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^在.{2,100}写道[：:]\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ChineseWrote();

    [GeneratedRegex(@"^(Sent from my \w+|Get Outlook for \w+|发自我的\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MobileFooter();

    [GeneratedRegex(@"^(best|kind|warm|many)?\s*(regards|wishes|thanks|thank you|cheers|sincerely|yours( truly| sincerely)?)[,.!]?\s*$|^(thanks|thank you|cheers|regards)[,.!]?\s*$|^(此致|谢谢|祝好)[，,。!！]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SignOff();

    [GeneratedRegex(@"[ \t\f\v]+|\n+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Whitespace();
}
