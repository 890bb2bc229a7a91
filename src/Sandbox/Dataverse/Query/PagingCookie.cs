using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrmExtensions.Sandbox.Dataverse.Http;

namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>
/// The <c>$skiptoken</c> of a nextLink, in the shape of dataverse.md §1:
/// <c>&lt;cookie pagenumber="2" pagingcookie="…" istracking="False" /&gt;</c>, where the paging cookie holds the sort
/// values of the last row served (keyset paging, so rows inserted meanwhile do not shift pages).
/// Clients must treat it as opaque.
/// </summary>
internal sealed partial record PagingCookie(int NextPage, IReadOnlyList<(string Column, string? Value)> Last, string? FirstKey, bool IsTracking, IReadOnlyDictionary<string, string> Extra)
{
    public string ToSkipToken()
    {
        var inner = new XElement("cookie", new XAttribute("page", (NextPage - 1).ToString(CultureInfo.InvariantCulture)));
        foreach (var (name, value) in Extra)
        {
            inner.Add(new XAttribute(name, value));
        }

        for (var i = 0; i < Last.Count; i++)
        {
            var (column, value) = Last[i];
            var element = new XElement(column);
            if (value is null)
            {
                element.Add(new XAttribute("lastnull", "1"));
            }
            else
            {
                element.Add(new XAttribute("last", value));
            }

            if (i == Last.Count - 1 && FirstKey is not null)
            {
                element.Add(new XAttribute("first", FirstKey));
            }

            inner.Add(element);
        }

        var encoded = InnerEncode(inner.ToString(SaveOptions.DisableFormatting));
        return $"<cookie pagenumber=\"{NextPage.ToString(CultureInfo.InvariantCulture)}\" pagingcookie=\"{encoded}\" istracking=\"{(IsTracking ? "True" : "False")}\" />";
    }

    public static PagingCookie Parse(string skipToken)
    {
        try
        {
            var outer = OuterPattern().Match(skipToken);
            if (!outer.Success)
            {
                throw new FormatException();
            }

            var page = int.Parse(outer.Groups["page"].Value, CultureInfo.InvariantCulture);
            var inner = XElement.Parse(Uri.UnescapeDataString(outer.Groups["cookie"].Value));
            var extra = inner.Attributes().Where(a => a.Name != "page").ToDictionary(a => a.Name.LocalName, a => a.Value);
            var last = inner.Elements().Select(e => (e.Name.LocalName, e.Attribute("lastnull") is null ? e.Attribute("last")?.Value : null)).ToList();
            return new PagingCookie(page, last, null, outer.Groups["tracking"].Value == "True", extra);
        }
        catch (Exception e) when (e is FormatException or System.Xml.XmlException or OverflowException)
        {
            throw DataverseException.BadRequest("The $skiptoken is not valid.", "0x80040203");
        }
    }

    /// <summary>Encodes a value for the nextLink query string as the service does (dataverse.md §1 example): '=' and '/' stay.</summary>
    public static string OuterEncode(string value) => Encode(value, "-._~=/!", upper: true);

    /// <summary>Lower-case percent-encoding used inside the paging cookie and for delta tokens (dataverse.md §1, §2 examples).</summary>
    public static string InnerEncode(string value) => Encode(value, "-._", upper: false);

    private static string Encode(string value, string keep, bool upper)
    {
        var sb = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || keep.Contains(c, StringComparison.Ordinal)))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString(upper ? "X2" : "x2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex("^<cookie pagenumber=\"(?<page>\\d+)\" pagingcookie=\"(?<cookie>[^\"]*)\" istracking=\"(?<tracking>True|False)\" />$")]
    private static partial Regex OuterPattern();
}
