using System.Collections.Concurrent;
using System.Text.Json;
using CrmExtensions.Connectors.Salesforce.Http;

namespace CrmExtensions.Connectors.Salesforce.Metadata;

/// <summary>
/// Reads and caches <c>GET sobjects/{T}/describe</c> (salesforce.md §6) and the key prefixes of the global
/// <c>GET sobjects</c> (to resolve polymorphic lookups such as <c>Task.WhoId</c>).
/// </summary>
internal sealed class DescribeReader(SalesforceHttp http)
{
    private readonly ConcurrentDictionary<string, Task<ObjectInfo>> _objects = new(StringComparer.OrdinalIgnoreCase);
    private Task<IReadOnlyDictionary<string, string>>? _prefixes;

    public Task<ObjectInfo> ObjectAsync(string name, CancellationToken cancellationToken)
    {
        Soql.Identifier(name, "object");
        return _objects.GetOrAdd(name, n => LoadAsync(n, cancellationToken));
    }

    /// <summary>Object names by key prefix (the first three characters of an id).</summary>
    public async Task<IReadOnlyDictionary<string, string>> PrefixesAsync(CancellationToken cancellationToken)
    {
        var load = _prefixes ??= LoadPrefixesAsync(cancellationToken);
        try
        {
            return await load.ConfigureAwait(false);
        }
        catch
        {
            _prefixes = null;
            throw;
        }
    }

    private async Task<ObjectInfo> LoadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await http.GetJsonAsync($"sobjects/{name}/describe", cancellationToken).ConfigureAwait(false);
            var root = doc.RootElement;
            var fields = new List<FieldInfo>();
            foreach (var f in root.GetProperty("fields").EnumerateArray())
            {
                var fieldName = Text(f, "name");
                var type = Text(f, "type") ?? string.Empty;
                if (fieldName is null)
                {
                    continue;
                }

                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                if (f.TryGetProperty("picklistValues", out var values) && values.ValueKind == JsonValueKind.Array)
                {
                    foreach (var v in values.EnumerateArray())
                    {
                        if (Text(v, "value") is { } value)
                        {
                            labels[value] = Text(v, "label") ?? value;
                        }
                    }
                }

                var targets = f.TryGetProperty("referenceTo", out var to) && to.ValueKind == JsonValueKind.Array
                    ? to.EnumerateArray().Select(t => t.GetString()).OfType<string>().ToList()
                    : [];
                // Classic encrypted text is type encryptedstring; Shield Platform Encryption sets "encrypted": true
                // (describe key UNVERIFIED in salesforce.md; both are treated as secured).
                var encrypted = type == "encryptedstring" || (f.TryGetProperty("encrypted", out var e) && e.ValueKind == JsonValueKind.True);
                var length = f.TryGetProperty("length", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : 0;
                fields.Add(new FieldInfo(fieldName, type, TypeMapping.Map(type, length), Text(f, "label"), targets, encrypted,
                    f.TryGetProperty("custom", out var c) && c.ValueKind == JsonValueKind.True)
                {
                    PicklistLabels = labels,
                });
            }

            return new ObjectInfo(Text(root, "name") ?? name, Text(root, "keyPrefix"),
                !root.TryGetProperty("queryable", out var q) || q.ValueKind != JsonValueKind.False, fields);
        }
        catch
        {
            _objects.TryRemove(name, out _);
            throw;
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> LoadPrefixesAsync(CancellationToken cancellationToken)
    {
        using var doc = await http.GetJsonAsync("sobjects", cancellationToken).ConfigureAwait(false);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in doc.RootElement.GetProperty("sobjects").EnumerateArray())
        {
            if (Text(o, "keyPrefix") is { Length: 3 } prefix && Text(o, "name") is { } name)
            {
                map.TryAdd(prefix, name);
            }
        }

        return map;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
