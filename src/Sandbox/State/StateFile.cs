using System.Globalization;
using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.State;

/// <summary>
/// Saves and loads every org's rows, tombstones, versions and custom columns as one JSON file (<c>--state</c>), so a
/// sandbox can be stopped and resumed with change tracking intact.
/// </summary>
internal static class StateFile
{
    private const int FormatVersion = 1;

    public static void Save(string path, IReadOnlyList<OrgStore> orgs)
    {
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("format", FormatVersion);
            w.WriteStartArray("orgs");
            foreach (var org in orgs)
            {
                lock (org.Gate)
                {
                    WriteOrg(w, org);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
    }

    private static void WriteOrg(Utf8JsonWriter w, OrgStore org)
    {
        w.WriteStartObject();
        w.WriteString("key", org.Identity.Key);
        w.WriteNumber("version", org.CurrentVersion);
        w.WriteStartArray("tables");
        foreach (var store in org.Stores.OrderBy(s => s.Table.LogicalName, StringComparer.Ordinal))
        {
            var table = store.Table;
            w.WriteStartObject();
            w.WriteString("name", table.LogicalName);
            w.WriteStartArray("customColumns");
            foreach (var c in table.Columns.Where(c => c.IsCustom))
            {
                w.WriteStartObject();
                w.WriteString("logicalName", c.LogicalName);
                w.WriteString("schemaName", c.SchemaName);
                w.WriteString("displayName", c.DisplayName);
                w.WriteString("type", c.Type.ToString());
                w.WriteString("metadataId", c.MetadataId);
                if (c.MaxLength is { } max)
                {
                    w.WriteNumber("maxLength", max);
                }

                w.WriteBoolean("dateOnly", c.DateOnly);
                w.WriteBoolean("isAuditEnabled", c.IsAuditEnabled);
                if (c.MinValue is { } min)
                {
                    w.WriteNumber("minValue", min);
                }

                if (c.MaxValue is { } maxValue)
                {
                    w.WriteNumber("maxValue", maxValue);
                }

                w.WriteStartArray("options");
                foreach (var o in c.Options)
                {
                    w.WriteStartObject();
                    w.WriteNumber("value", o.Value);
                    w.WriteString("label", o.Label);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("rows");
            foreach (var row in store.OrderedByPrimaryKey())
            {
                w.WriteStartObject();
                w.WriteString("$id", row.Id);
                w.WriteNumber("$v", row.Version);
                foreach (var column in table.Columns)
                {
                    if (column.Index != table.PrimaryId.Index && row.Get(column.Index) is { } value)
                    {
                        WriteValue(w, column.LogicalName, value);
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("tombstones");
            foreach (var t in store.Tombstones.OrderBy(t => t.Version))
            {
                w.WriteStartObject();
                w.WriteString("id", t.Id);
                w.WriteNumber("v", t.Version);
                w.WriteString("on", t.DeletedOn.ToString("O", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, string name, object value)
    {
        switch (value)
        {
            case EntityRef r:
                w.WriteStartObject(name);
                w.WriteString("t", r.LogicalName);
                w.WriteString("id", r.Id);
                w.WriteEndObject();
                break;
            case string s:
                w.WriteString(name, s);
                break;
            case int i:
                w.WriteNumber(name, i);
                break;
            case long l:
                w.WriteNumber(name, l);
                break;
            case decimal m:
                w.WriteNumber(name, m);
                break;
            case bool b:
                w.WriteBoolean(name, b);
                break;
            case DateTime d:
                w.WriteString(name, d.ToString("O", CultureInfo.InvariantCulture));
                break;
            case Guid g:
                w.WriteString(name, g);
                break;
            default:
                throw new InvalidOperationException($"Cannot save a value of type {value.GetType()}.");
        }
    }

    /// <summary>Loads saved rows into freshly built (empty) orgs with the same keys.</summary>
    public static void Load(string path, IReadOnlyList<OrgStore> orgs)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        if (root.GetProperty("format").GetInt32() != FormatVersion)
        {
            throw new InvalidDataException($"State file '{path}' has an unknown format.");
        }

        foreach (var saved in root.GetProperty("orgs").EnumerateArray())
        {
            var org = orgs.FirstOrDefault(o => o.Identity.Key == saved.GetProperty("key").GetString())
                ?? throw new InvalidDataException($"State file '{path}' holds org '{saved.GetProperty("key").GetString()}', which this sandbox does not host (check --orgs).");
            foreach (var savedTable in saved.GetProperty("tables").EnumerateArray())
            {
                var store = org.ByLogicalName(savedTable.GetProperty("name").GetString()!)
                    ?? throw new InvalidDataException($"State file '{path}' holds an unknown table.");
                LoadTable(org, store, savedTable);
            }
        }
    }

    private static void LoadTable(OrgStore org, EntityStore store, JsonElement saved)
    {
        var table = store.Table;
        foreach (var c in saved.GetProperty("customColumns").EnumerateArray())
        {
            table.Add(new ColumnDef(c.GetProperty("logicalName").GetString()!, Enum.Parse<AttributeType>(c.GetProperty("type").GetString()!), 0)
            {
                SchemaName = c.GetProperty("schemaName").GetString(),
                DisplayName = c.GetProperty("displayName").GetString(),
                MetadataId = c.GetProperty("metadataId").GetGuid(),
                MaxLength = c.TryGetProperty("maxLength", out var max) ? max.GetInt32() : null,
                DateOnly = c.GetProperty("dateOnly").GetBoolean(),
                IsAuditEnabled = !c.TryGetProperty("isAuditEnabled", out var audit) || audit.GetBoolean(),
                MinValue = c.TryGetProperty("minValue", out var min) ? min.GetDecimal() : null,
                MaxValue = c.TryGetProperty("maxValue", out var maxValue) ? maxValue.GetDecimal() : null,
                Options = c.GetProperty("options").EnumerateArray().Select(o => new OptionDef(o.GetProperty("value").GetInt32(), o.GetProperty("label").GetString()!)).ToList(),
                IsCustom = true,
            });
        }

        foreach (var r in saved.GetProperty("rows").EnumerateArray())
        {
            var id = r.GetProperty("$id").GetGuid();
            var version = r.GetProperty("$v").GetInt64();
            var row = new Row(id, version, new object?[table.Columns.Count]);
            row.Set(table.PrimaryId.Index, id);
            foreach (var property in r.EnumerateObject())
            {
                if (property.Name.StartsWith('$'))
                {
                    continue;
                }

                var column = table.ByLogicalName(property.Name) ?? throw new InvalidDataException($"Unknown column {table.LogicalName}.{property.Name} in state file.");
                row.Set(column.Index, ReadValue(column, property.Value));
            }

            org.Restore(store, row, version);
        }

        foreach (var t in saved.GetProperty("tombstones").EnumerateArray())
        {
            org.Restore(store, new Tombstone(t.GetProperty("id").GetGuid(), t.GetProperty("v").GetInt64(),
                DateTime.Parse(t.GetProperty("on").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }
    }

    private static object ReadValue(ColumnDef column, JsonElement value) => column.Type switch
    {
        AttributeType.Lookup or AttributeType.Customer or AttributeType.Owner => new EntityRef(value.GetProperty("t").GetString()!, value.GetProperty("id").GetGuid()),
        AttributeType.String or AttributeType.Memo => value.GetString()!,
        AttributeType.Integer or AttributeType.Picklist or AttributeType.State or AttributeType.Status => value.GetInt32(),
        AttributeType.BigInt => value.GetInt64(),
        AttributeType.Decimal or AttributeType.Money => value.GetDecimal(),
        AttributeType.Boolean => value.GetBoolean(),
        AttributeType.DateTime => DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        _ => value.GetGuid(),
    };
}
