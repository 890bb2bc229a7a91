using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmExtensions.Sandbox.Tests;

/// <summary>Normalises ids so responses compare with the doc examples; golden tests compare shapes (property order).</summary>
internal static partial class Normalize
{
    public static string Guids(string text) => GuidPattern().Replace(text, "<id>");

    /// <summary>The property names of a JSON object in order (the shape a golden test compares).</summary>
    public static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
