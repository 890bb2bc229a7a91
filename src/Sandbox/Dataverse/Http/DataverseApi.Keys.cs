using System.Globalization;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Http;

internal static partial class DataverseApi
{
    /// <summary>Finds a record by <c>(guid)</c> or by alternate key <c>(k1=v1,k2='v2')</c> (dataverse.md §3).</summary>
    private static Row? FindByKey(EntityStore store, string key)
    {
        if (Guid.TryParse(key, out var id))
        {
            return store.Find(id);
        }

        return store.FindByKey(AlternateKey(store.Table, key));
    }

    private static Guid KeyId(string key) => Guid.TryParse(key, out var id) ? id : Guid.Empty;

    private static Dictionary<string, object?> AlternateKey(TableDef table, string key)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var part in SplitKey(key))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw DataverseException.BadRequest($"Bad Request - Error in query syntax: '{key}' is not a valid key.");
            }

            var name = part[..eq].Trim();
            var text = Uri.UnescapeDataString(part[(eq + 1)..].Trim());
            var column = table.ByLogicalName(name) ?? throw DataverseException.PropertyNotFound(name, table.LogicalName);
            values[name] = text.StartsWith('\'') && text.EndsWith('\'') && text.Length >= 2
                ? text[1..^1].Replace("''", "'", StringComparison.Ordinal)
                : column.Type switch
                {
                    AttributeType.Integer or AttributeType.Picklist => int.Parse(text, CultureInfo.InvariantCulture),
                    AttributeType.Decimal or AttributeType.Money => decimal.Parse(text, CultureInfo.InvariantCulture),
                    AttributeType.Uniqueidentifier => Guid.Parse(text),
                    _ => text,
                };
        }

        if (!table.AlternateKeys.Any(k => k.Count == values.Count && k.All(values.ContainsKey)))
        {
            throw DataverseException.BadRequest($"The key '{key}' does not match any alternate key defined on '{table.LogicalName}'.", "0x80060892");
        }

        return values;
    }

    private static IEnumerable<string> SplitKey(string key)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '\'')
            {
                quoted = !quoted;
            }
            else if (key[i] == ',' && !quoted)
            {
                yield return key[start..i];
                start = i + 1;
            }
        }

        yield return key[start..];
    }
}
