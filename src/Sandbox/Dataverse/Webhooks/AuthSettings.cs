using System.Xml.Linq;

namespace CrmExtensions.Sandbox.Dataverse.Webhooks;

/// <summary>
/// HttpHeader / HttpQueryString auth values: <c>&lt;settings&gt;&lt;setting name="x" value="y" /&gt;&lt;/settings&gt;</c>
/// (dataverse.md §6, COMMUNITY); a plain string is invalid, as a real org reports at delivery.
/// </summary>
internal static class AuthSettings
{
    public static List<KeyValuePair<string, string>> Parse(string authValue)
    {
        try
        {
            return XElement.Parse(authValue).Elements("setting")
                .Select(e => new KeyValuePair<string, string>((string?)e.Attribute("name") ?? string.Empty, (string?)e.Attribute("value") ?? string.Empty))
                .Where(kv => kv.Key.Length > 0).ToList();
        }
        catch (System.Xml.XmlException)
        {
            return [];
        }
    }
}
