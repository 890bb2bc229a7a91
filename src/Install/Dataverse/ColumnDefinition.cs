using System.Globalization;
using System.Text.Json.Nodes;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// The AttributeMetadata we want for one catalogue field: the body that creates it, the differences from what an org
/// holds, and the definition that updates it in place (PA-docs <c>webapi/create-update-column-definitions-using-web-api.md</c>,
/// dataverse.md §7 "Safer alternative … create the column via Web API metadata").
/// </summary>
internal sealed class ColumnDefinition
{
    // The documented range of a Decimal column (DecimalAttributeMetadata MinValue/MaxValue, ±100 000 000 000); the
    // catalogue may ask for more, the service would refuse it.
    private const decimal DecimalLimit = 100_000_000_000m;

    public ColumnDefinition(OutputField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        Field = field;
        if (!field.DataverseName.StartsWith(SolutionIdentity.Prefix + "_", StringComparison.Ordinal) || field.DataverseName.Any(char.IsUpper))
        {
            throw new InstallException($"Output field {field.DataverseTable}.{field.DataverseName}: Dataverse names must be lower case and start with '{SolutionIdentity.Prefix}_'.");
        }

        MetadataType = field.Type switch
        {
            OutputFieldType.WholeNumber => "IntegerAttributeMetadata",
            OutputFieldType.DecimalNumber => "DecimalAttributeMetadata",
            OutputFieldType.Text => "StringAttributeMetadata",
            OutputFieldType.LongText => "MemoAttributeMetadata",
            OutputFieldType.DateTime => "DateTimeAttributeMetadata",
            OutputFieldType.Choice => "PicklistAttributeMetadata",
            _ => throw new InstallException($"Output field {field.DataverseTable}.{field.DataverseName}: no Dataverse column type for {field.Type}."),
        };
    }

    public OutputField Field { get; }

    public string Table => Field.DataverseTable;

    public string LogicalName => Field.DataverseName;

    public string Name => $"{Table}.{LogicalName}";

    /// <summary>The derived AttributeMetadata type, e.g. <c>StringAttributeMetadata</c>.</summary>
    public string MetadataType { get; }

    public bool IsChoice => Field.Type == OutputFieldType.Choice;

    /// <summary>The POST body: type, schema name, label, sizes and ranges, options, requirement none, auditing off.</summary>
    public JsonObject CreateBody()
    {
        var body = new JsonObject
        {
            ["@odata.type"] = $"Microsoft.Dynamics.CRM.{MetadataType}",
            ["SchemaName"] = LogicalName,
            ["DisplayName"] = Label(Field.DisplayName),
            ["Description"] = Label($"Written by CrmExtensions ({Field.Model}); do not edit by hand."),
            ["RequiredLevel"] = new JsonObject { ["Value"] = "None", ["CanBeChanged"] = true, ["ManagedPropertyLogicalName"] = "canmodifyrequirementlevelsettings" },
            // Our columns change on every scoring run: auditing them would flood the audit log (issue 11).
            ["IsAuditEnabled"] = new JsonObject { ["Value"] = false, ["CanBeChanged"] = true, ["ManagedPropertyLogicalName"] = "canmodifyauditsettings" },
        };
        foreach (var (name, value) in TypeProperties())
        {
            body[name] = value;
        }

        if (IsChoice)
        {
            body["OptionSet"] = new JsonObject
            {
                ["@odata.type"] = "Microsoft.Dynamics.CRM.OptionSetMetadata",
                ["IsGlobal"] = false,
                ["OptionSetType"] = "Picklist",
                ["Options"] = new JsonArray([.. Field.Options.Select(o => (JsonNode)new JsonObject { ["Value"] = o.DataverseValue, ["Label"] = Label(o.Label) })]),
            };
        }

        return body;
    }

    /// <summary>
    /// How the org's definition differs from ours, one "Property existing → wanted" line each. A different type cannot
    /// be fixed in place (it would drop the column's data), so it throws.
    /// </summary>
    public IReadOnlyList<string> Differences(JsonObject existing, JsonObject? withOptions)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var type = existing["@odata.type"]?.GetValue<string>()?.TrimStart('#').Replace("Microsoft.Dynamics.CRM.", string.Empty, StringComparison.Ordinal);
        if (type is not null && type != MetadataType)
        {
            throw new InstallException($"Column {Name} exists as {type}, not {MetadataType}. Its type cannot change in place; delete it (crmx uninstall --columns) and install again, which drops its values.");
        }

        var differences = new List<string>();
        var label = LabelText(existing["DisplayName"]);
        if (label != Field.DisplayName)
        {
            differences.Add($"DisplayName '{label}' → '{Field.DisplayName}'");
        }

        if (ManagedValue(existing["IsAuditEnabled"]) is not false)
        {
            differences.Add("IsAuditEnabled on → off");
        }

        foreach (var (name, wanted) in TypeProperties())
        {
            // Only properties the org returns are compared: an org that does not report one cannot be said to differ.
            if (existing[name] is JsonValue current && !SameValue(current, wanted))
            {
                differences.Add($"{name} {current.ToJsonString()} → {wanted.ToJsonString()}");
            }
        }

        if (IsChoice && withOptions?["OptionSet"]?["Options"] is JsonArray options)
        {
            var have = options.OfType<JsonObject>().Select(o => (Value: o["Value"]!.GetValue<int>(), Label: LabelText(o["Label"]))).OrderBy(o => o.Value).ToList();
            var want = Field.Options.Select(o => (Value: o.DataverseValue, Label: (string?)o.Label)).OrderBy(o => o.Value).ToList();
            if (!have.SequenceEqual(want))
            {
                // Options change through InsertOptionValue/UpdateOptionValue actions, which the installer does not send yet.
                throw new InstallException($"Column {Name}: its choices ({string.Join(", ", have.Select(o => o.Value))}) differ from the catalogue's ({string.Join(", ", want.Select(o => o.Value))}); change them in the maker portal, the installer does not edit choices.");
            }
        }

        return differences;
    }

    /// <summary>The PUT body: the org's own definition with our properties set (a PUT replaces the whole definition).</summary>
    public JsonObject UpdateBody(JsonObject existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var body = (JsonObject)existing.DeepClone();
        foreach (var name in body.Select(p => p.Key).Where(k => k.StartsWith("@odata.", StringComparison.Ordinal) && k != "@odata.type").ToList())
        {
            body.Remove(name);
        }

        body["@odata.type"] = $"Microsoft.Dynamics.CRM.{MetadataType}";
        body["DisplayName"] = Label(Field.DisplayName);
        var audit = existing["IsAuditEnabled"] is JsonObject a ? (JsonObject)a.DeepClone() : new JsonObject { ["CanBeChanged"] = true, ["ManagedPropertyLogicalName"] = "canmodifyauditsettings" };
        audit["Value"] = false;
        body["IsAuditEnabled"] = audit;
        foreach (var (name, value) in TypeProperties())
        {
            body[name] = value;
        }

        return body;
    }

    private IEnumerable<(string Name, JsonNode Value)> TypeProperties()
    {
        switch (Field.Type)
        {
            case OutputFieldType.WholeNumber:
                yield return ("MinValue", JsonValue.Create(checked((int)(Field.Minimum ?? int.MinValue))));
                yield return ("MaxValue", JsonValue.Create(checked((int)(Field.Maximum ?? int.MaxValue))));
                break;
            case OutputFieldType.DecimalNumber:
                yield return ("Precision", JsonValue.Create(2));
                yield return ("MinValue", JsonValue.Create(Math.Max(-DecimalLimit, (decimal)(Field.Minimum ?? (double)-DecimalLimit))));
                yield return ("MaxValue", JsonValue.Create(Math.Min(DecimalLimit, (decimal)(Field.Maximum ?? (double)DecimalLimit))));
                break;
            case OutputFieldType.Text or OutputFieldType.LongText:
                yield return ("MaxLength", JsonValue.Create(Field.MaxLength ?? (Field.Type == OutputFieldType.Text ? 100 : 2000)));
                break;
            case OutputFieldType.DateTime:
                yield return ("Format", JsonValue.Create("DateAndTime"));
                break;
            default:
                break;
        }
    }

    private static bool SameValue(JsonValue current, JsonNode wanted) =>
        current.TryGetValue<decimal>(out var a) && wanted.AsValue().TryGetValue<decimal>(out var b)
            ? a == b
            : string.Equals(current.ToJsonString(), wanted.ToJsonString(), StringComparison.Ordinal);

    private static JsonObject Label(string text) => new()
    {
        ["@odata.type"] = "Microsoft.Dynamics.CRM.Label",
        ["LocalizedLabels"] = new JsonArray(new JsonObject
        {
            ["@odata.type"] = "Microsoft.Dynamics.CRM.LocalizedLabel",
            ["Label"] = text,
            ["LanguageCode"] = SolutionIdentity.LanguageCode,
        }),
    };

    // The label in our language: LocalizedLabels first (UserLocalizedLabel follows the caller's language).
    private static string? LabelText(JsonNode? label) =>
        (label?["LocalizedLabels"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(l => l["LanguageCode"]?.GetValue<int>() == SolutionIdentity.LanguageCode)?["Label"]?.GetValue<string>()
        ?? label?["UserLocalizedLabel"]?["Label"]?.GetValue<string>();

    // Managed properties come as {"Value": …}; tolerate a bare boolean too.
    private static bool? ManagedValue(JsonNode? node) => node switch
    {
        JsonObject o when o["Value"] is JsonValue v && v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => null,
    };

    public override string ToString() => Name + " " + MetadataType + string.Create(CultureInfo.InvariantCulture, $" ({Field.Type})");
}
