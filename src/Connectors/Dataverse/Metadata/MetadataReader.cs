using System.Collections.Concurrent;
using System.Text.Json;
using CrmExtensions.Connectors.Dataverse.Http;

namespace CrmExtensions.Connectors.Dataverse.Metadata;

/// <summary>Reads and caches table definitions from <c>EntityDefinitions</c> (dataverse.md §2 for ChangeTrackingEnabled, §8).</summary>
internal sealed class MetadataReader(DataverseHttp http)
{
    private readonly ConcurrentDictionary<string, Task<TableInfo>> _tables = new(StringComparer.OrdinalIgnoreCase);

    public Task<TableInfo> TableAsync(string logicalName, CancellationToken cancellationToken) =>
        _tables.GetOrAdd(logicalName, name => LoadAsync(name, cancellationToken));

    /// <summary>Forgets a failed or stale definition so the next call reads it again.</summary>
    public void Forget(string logicalName) => _tables.TryRemove(logicalName, out _);

    private async Task<TableInfo> LoadAsync(string logicalName, CancellationToken cancellationToken)
    {
        try
        {
            var key = Uri.EscapeDataString(logicalName);
            using var entity = await http.GetJsonAsync(
                $"EntityDefinitions(LogicalName='{key}')?$select=LogicalName,EntitySetName,PrimaryIdAttribute,ChangeTrackingEnabled", cancellationToken).ConfigureAwait(false);
            // No $select on Attributes: derived properties (Targets of lookups, Format of dates) come only unselected.
            using var attributes = await http.GetJsonAsync($"EntityDefinitions(LogicalName='{key}')/Attributes", cancellationToken).ConfigureAwait(false);
            var root = entity.RootElement;
            var all = attributes.RootElement.GetProperty("value").EnumerateArray().ToList();
            var money = all.Where(a => Text(a, "AttributeType") == "Money").Select(a => Text(a, "LogicalName")).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var primaryId = Text(root, "PrimaryIdAttribute") ?? throw new InvalidDataException($"{logicalName}: the definition has no PrimaryIdAttribute.");
            var columns = new List<ColumnInfo>();
            foreach (var a in all)
            {
                var name = Text(a, "LogicalName");
                if (name is null || string.Equals(name, primaryId, StringComparison.OrdinalIgnoreCase)
                    || (name.EndsWith("_base", StringComparison.OrdinalIgnoreCase) && money.Contains(name[..^5])))
                {
                    // The key is the record id; a money column's _base twin is read into the MoneyValue of the column itself.
                    continue;
                }

                if (TypeMapping.Map(Text(a, "AttributeType") ?? string.Empty, Text(a, "Format")) is not { } type)
                {
                    continue;
                }

                var targets = a.TryGetProperty("Targets", out var t) && t.ValueKind == JsonValueKind.Array
                    ? t.EnumerateArray().Select(x => x.GetString()!).Where(x => x is not null).ToList()
                    : [];
                var secured = a.TryGetProperty("IsSecured", out var s) && s.ValueKind == JsonValueKind.True;
                columns.Add(new ColumnInfo(name, type, secured, targets, Label(a)));
            }

            return new TableInfo(
                Text(root, "LogicalName") ?? logicalName,
                Text(root, "EntitySetName") ?? throw new InvalidDataException($"{logicalName}: the definition has no EntitySetName."),
                primaryId,
                root.TryGetProperty("ChangeTrackingEnabled", out var ct) && ct.ValueKind == JsonValueKind.True,
                columns);
        }
        catch
        {
            Forget(logicalName);
            throw;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Label(JsonElement attribute) =>
        attribute.TryGetProperty("DisplayName", out var display) && display.ValueKind == JsonValueKind.Object
        && display.TryGetProperty("UserLocalizedLabel", out var label) && label.ValueKind == JsonValueKind.Object
            ? Text(label, "Label")
            : null;
}
