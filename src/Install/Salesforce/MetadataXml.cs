using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CrmExtensions.Install.Salesforce;

/// <summary>
/// Writes Metadata API source files: the <c>http://soap.sforce.com/2006/04/metadata</c> namespace, an XML declaration,
/// four-space indentation and LF line ends, as <c>sf project retrieve</c> writes them (salesforce.md §8).
/// </summary>
internal static class MetadataXml
{
    public static readonly XNamespace Ns = "http://soap.sforce.com/2006/04/metadata";

    /// <summary>An element in the metadata namespace; null content is skipped, values are written invariantly.</summary>
    public static XElement E(string name, params object?[] content) =>
        new(Ns + name, content.Where(c => c is not null).Select(Invariant).ToArray());

    public static string Document(string root, params object?[] content) => Write(E(root, content));

    public static string Write(XElement root)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "    ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            // Written by hand below: XmlWriter would spell the encoding "utf-8", sf writes "UTF-8".
            OmitXmlDeclaration = true,
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            root.Save(writer);
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static object Invariant(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        IFormattable f and not XObject => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value!,
    };
}
