using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmExtensions.Sandbox.Tests;

/// <summary>Normalises ids, versions, times and org URLs so responses compare with the doc examples.</summary>
internal static partial class Normalize
{
    public static string Text(string text, string orgUrl) =>
        Times(Guids(Etags(text.Replace(orgUrl, "[Organization URI]", StringComparison.Ordinal))));

    public static string Guids(string text) => GuidPattern().Replace(text, "<id>");

    private static string Etags(string text) => EtagPattern().Replace(text, "W/\\\"<v>\\\"");

    private static string Times(string text) => DeltaTokenPattern().Replace(text, "$deltatoken=<token>");

    /// <summary>The property names of a JSON object in order (the shape a golden test compares).</summary>
    public static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex("W/\\\\\"\\d+\\\\\"")]
    private static partial Regex EtagPattern();

    [GeneratedRegex("\\$deltatoken=[0-9]+%21[0-9%a-f]+")]
    private static partial Regex DeltaTokenPattern();
}
