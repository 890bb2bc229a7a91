using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Http;

namespace CrmExtensions.Sandbox.Dataverse.Metadata;

/// <summary>
/// EntityMetadata / AttributeMetadata as the Web API serialises them (EntityDefinitions, dataverse.md §2 and §8):
/// ordered property bags, so $select and $filter can work on them like on rows.
/// </summary>
internal static class MetadataJson
{
    public static OrderedDictionary<string, object?> Entity(TableDef t) => new()
    {
        ["MetadataId"] = t.MetadataId,
        ["LogicalName"] = t.LogicalName,
        ["SchemaName"] = SchemaName(t.LogicalName),
        ["EntitySetName"] = t.EntitySetName,
        ["LogicalCollectionName"] = t.EntitySetName,
        ["PrimaryIdAttribute"] = t.PrimaryIdAttribute,
        ["PrimaryNameAttribute"] = t.PrimaryNameAttribute,
        ["ObjectTypeCode"] = t.ObjectTypeCode,
        ["IsActivity"] = t.IsActivity,
        ["IsCustomEntity"] = false,
        ["ChangeTrackingEnabled"] = t.ChangeTrackingEnabled,
        ["CanChangeTrackingBeEnabled"] = new OrderedDictionary<string, object?> { ["Value"] = true, ["CanBeChanged"] = !t.ChangeTrackingEnabled, ["ManagedPropertyLogicalName"] = "canchangetrackingbeenabled" },
        ["DisplayName"] = Label(SchemaName(t.LogicalName)),
        ["Privileges"] = SecurityPrivileges.For(t).Select(p => (object?)new OrderedDictionary<string, object?>
        {
            ["CanBeBasic"] = p.UserOwned,
            ["CanBeDeep"] = p.UserOwned,
            ["CanBeGlobal"] = true,
            ["CanBeLocal"] = p.UserOwned,
            ["CanBeEntityReference"] = false,
            ["CanBeParentEntityReference"] = false,
            ["CanBeRecordFilter"] = false,
            ["Name"] = p.Name,
            ["PrivilegeId"] = p.Id,
            ["PrivilegeType"] = p.Type,
        }).ToList(),
    };

    public static OrderedDictionary<string, object?> Attribute(TableDef t, ColumnDef c, bool withOptionSet)
    {
        var a = new OrderedDictionary<string, object?>
        {
            ["@odata.type"] = $"#Microsoft.Dynamics.CRM.{MetadataType(c.Type)}",
            ["MetadataId"] = c.MetadataId,
            ["LogicalName"] = c.LogicalName,
            ["SchemaName"] = c.IsCustom ? c.SchemaName ?? c.LogicalName : SchemaName(c.LogicalName),
            ["EntityLogicalName"] = t.LogicalName,
            ["AttributeType"] = c.Type.ToString(),
            ["AttributeTypeName"] = new OrderedDictionary<string, object?> { ["Value"] = c.Type + "Type" },
            ["IsPrimaryId"] = c.Index == t.PrimaryId.Index,
            ["IsPrimaryName"] = c.LogicalName == t.PrimaryNameAttribute,
            ["IsCustomAttribute"] = c.IsCustom,
            ["IsSecured"] = c.IsSecured,
            ["IsValidForRead"] = true,
            ["IsValidForCreate"] = !c.ReadOnly || c.Index == t.PrimaryId.Index,
            ["IsValidForUpdate"] = !c.ReadOnly,
            ["RequiredLevel"] = new OrderedDictionary<string, object?> { ["Value"] = c.Required ? "ApplicationRequired" : "None", ["CanBeChanged"] = true },
            ["IsAuditEnabled"] = new OrderedDictionary<string, object?> { ["Value"] = c.IsAuditEnabled, ["CanBeChanged"] = true, ["ManagedPropertyLogicalName"] = "canmodifyauditsettings" },
            ["DisplayName"] = Label(c.DisplayName ?? c.LogicalName),
        };
        switch (c.Type)
        {
            case AttributeType.String or AttributeType.Memo:
                a["MaxLength"] = c.MaxLength;
                break;
            case AttributeType.Integer:
                a["MinValue"] = (int?)c.MinValue;
                a["MaxValue"] = (int?)c.MaxValue;
                break;
            case AttributeType.DateTime:
                a["Format"] = c.DateOnly ? "DateOnly" : "DateAndTime";
                break;
            case AttributeType.Lookup or AttributeType.Customer or AttributeType.Owner:
                a["Targets"] = c.Targets.Cast<object?>().ToList();
                break;
            default:
                break;
        }

        if (withOptionSet && c.Type is AttributeType.Picklist or AttributeType.State or AttributeType.Status)
        {
            a["OptionSet"] = new OrderedDictionary<string, object?>
            {
                ["Name"] = $"{t.LogicalName}_{c.LogicalName}",
                ["Options"] = c.Options.Select(o =>
                {
                    var option = new OrderedDictionary<string, object?> { ["Value"] = o.Value, ["Label"] = Label(o.Label) };
                    if (c.Type == AttributeType.Status)
                    {
                        option["State"] = o.State;
                    }

                    if (c.Type == AttributeType.State)
                    {
                        option["DefaultStatus"] = o.DefaultStatus;
                    }

                    return (object?)option;
                }).ToList(),
            };
        }

        return a;
    }

    public static string MetadataType(AttributeType type) => type switch
    {
        AttributeType.Memo => "MemoAttributeMetadata",
        AttributeType.Integer => "IntegerAttributeMetadata",
        AttributeType.BigInt => "BigIntAttributeMetadata",
        AttributeType.Decimal => "DecimalAttributeMetadata",
        AttributeType.Money => "MoneyAttributeMetadata",
        AttributeType.DateTime => "DateTimeAttributeMetadata",
        AttributeType.Boolean => "BooleanAttributeMetadata",
        AttributeType.Picklist => "PicklistAttributeMetadata",
        AttributeType.State => "StateAttributeMetadata",
        AttributeType.Status => "StatusAttributeMetadata",
        AttributeType.Lookup or AttributeType.Customer or AttributeType.Owner => "LookupAttributeMetadata",
        AttributeType.Uniqueidentifier => "UniqueIdentifierAttributeMetadata",
        _ => "StringAttributeMetadata",
    };

    public static OrderedDictionary<string, object?> Label(string text)
    {
        var label = new OrderedDictionary<string, object?> { ["Label"] = text, ["LanguageCode"] = 1033 };
        return new OrderedDictionary<string, object?> { ["LocalizedLabels"] = new List<object?> { label }, ["UserLocalizedLabel"] = label };
    }

    public static string SchemaName(string logicalName) =>
        string.Concat(logicalName.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    public static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case OrderedDictionary<string, object?> map:
                w.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    w.WritePropertyName(key);
                    Write(w, item);
                }

                w.WriteEndObject();
                break;
            case List<object?> list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    Write(w, item);
                }

                w.WriteEndArray();
                break;
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case Guid g:
                w.WriteStringValue(g);
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Reads a (possibly nested, <c>A/Value</c>) property for $filter.</summary>
    public static object? Get(OrderedDictionary<string, object?> map, string path)
    {
        object? current = map;
        foreach (var part in path.Split('/'))
        {
            current = current is OrderedDictionary<string, object?> m && m.TryGetValue(part, out var next) ? next : null;
        }

        return current;
    }

    public static JsonElement? Find(JsonElement body, string name) => body.TryGetProperty(name, out var v) ? v : null;

    internal static DataverseException NotFound(string what) => new(404, "0x80060888", $"Could not find {what}.");
}
