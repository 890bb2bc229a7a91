using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Salesforce.Schema;

/// <summary>
/// The sObjects the sandbox serves (salesforce.md §9 field names and types), each mapped onto the Dataverse table
/// holding the same logical records (docs/sandbox-data.md "One logical CRM, two APIs").
/// </summary>
internal sealed partial class SalesforceSchema
{
    private readonly Dictionary<string, SfObject> _byName;
    private readonly Dictionary<string, SfObject> _byTable;

    public SalesforceSchema(IReadOnlyList<string> customFields)
    {
        var objects = new List<SfObject>
        {
            Lead(customFields), Account(customFields), Contact(customFields), Opportunity(customFields), Product2(), Order(), OrderItem(),
            Case(customFields), Task(customFields), User(), Pricebook2(), PricebookEntry(),
        };
        _byName = objects.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
        _byTable = objects.GroupBy(o => o.Table, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IEnumerable<SfObject> Objects => _byName.Values;

    /// <summary>sObject names are case-insensitive in URLs and SOQL.</summary>
    public SfObject? Object(string name) => _byName.GetValueOrDefault(name);

    public SfObject? ForTable(string table) => _byTable.GetValueOrDefault(table);

    private static IEnumerable<SfField> SystemFields(string table) =>
    [
        Ref("OwnerId", "Owner ID", "ownerid", "User"),
        new("CurrencyIsoCode", "Currency ISO Code", "picklist", c => c.Get("transactioncurrencyid") is EntityRef r
            ? c.Org.Store.ByLogicalName("transactioncurrency")!.Find(r.Id)?.Get(c.Org.Store.ByLogicalName("transactioncurrency")!.Table.ByLogicalName("isocurrencycode")!.Index)
            : null) { Length = 3, Picklist = ["USD", "EUR", "GBP", "JPY", "CNY"] },
        new("CreatedDate", "Created Date", "datetime", c => c.Get("createdon")) { Nillable = false },
        new("LastModifiedDate", "Last Modified Date", "datetime", c => c.Row is null ? c.Tombstone!.DeletedOn : c.Get("modifiedon")) { Nillable = false },
        new("SystemModstamp", "System Modstamp", "datetime", c => c.Row is null ? c.Tombstone!.DeletedOn : c.Get("modifiedon")) { Nillable = false },
        new("IsDeleted", "Deleted", "boolean", c => c.Row is null || c.MergedInto is not null) { Nillable = false },
        new("MasterRecordId", "Master Record ID", "reference", c => c.MergedInto is { } m ? c.Org.IdOf(c.Table.LogicalName, m) : null) { ReferenceTo = table, Length = 18 },
    ];

    private static SfField Id(string label) => new("Id", label, "id", c => c.Org.IdOf(c.Table.LogicalName, c.Id)) { Length = 18, Nillable = false };

    private static SfField Str(string name, string label, string column, int length, bool updateable = true, string type = "string") =>
        new(name, label, type, c => c.Get(column))
        {
            Length = length, LongText = type == "textarea" && length > 255,
            Write = updateable ? (w, v) => Set(w, column, v is null ? null : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)) : null,
        };

    private static SfField Num(string name, string label, string column, string type, bool updateable = true) =>
        new(name, label, type, c => c.Get(column) switch
        {
            null => null,
            int i when type == "int" => i,
            var v => Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            Write = updateable ? (w, v) => Set(w, column, v is null ? null : type == "int" ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture)) : null,
        };

    private static SfField Date(string name, string label, string column) =>
        new(name, label, "date", c => c.Get(column) is DateTime d ? DateOnly.FromDateTime(d) : null);

    /// <summary>A picklist stored as a Dataverse choice: the Salesforce value is the option's label.</summary>
    private static SfField Pick(string name, string label, string column, IReadOnlyList<string> values, bool updateable = true) =>
        new(name, label, "picklist", c => c.Get(column) is int v ? c.Table.ByLogicalName(column)!.Option(v)?.Label : null)
        {
            Length = 255, Picklist = values,
            Write = updateable ? (w, v) =>
            {
                if (v is null)
                {
                    w.Set(column, null);
                    return null;
                }

                var option = w.Table.ByLogicalName(column)!.Options.FirstOrDefault(o => o.Label == v as string);
                if (option is null)
                {
                    return $"bad value for restricted picklist field: {v}";
                }

                w.Set(column, option.Value);
                return null;
            } : null,
        };

    private static SfField Ref(string name, string label, string column, string referenceTo, string? targetTable = null) =>
        new(name, label, "reference", c => c.Get(column) is EntityRef r && (targetTable is null || r.LogicalName == targetTable) ? c.Org.IdOf(r.LogicalName, r.Id) : null)
        {
            Length = 18, ReferenceTo = referenceTo,
        };

    private static SfField Calc(string name, string label, string type, Func<SfReadContext, object?> read) => new(name, label, type, read) { Nillable = false };

    private static IEnumerable<SfField> Custom(string objectName, IReadOnlyList<string> customFields)
    {
        // Configured custom fields ("Lead.CRMX_Score__c:double", "Lead.CRMX_Grade__c:picklist:A|B|C|D"); values live
        // beside the row (SalesforceOrg.SetCustom).
        foreach (var spec in customFields)
        {
            var dot = spec.IndexOf('.', StringComparison.Ordinal);
            var colon = spec.IndexOf(':', StringComparison.Ordinal);
            if (dot < 0 || colon < dot || !string.Equals(spec[..dot], objectName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var field = spec[(dot + 1)..colon];
            var typeSpec = spec[(colon + 1)..].Split(':', 2);
            var type = typeSpec[0];
            IReadOnlyList<string> values = type == "picklist" && typeSpec.Length > 1 ? typeSpec[1].Split('|') : [];
            yield return new SfField(field, field.Replace("__c", string.Empty, StringComparison.Ordinal).Replace('_', ' '), type, c => c.Org.Custom(c.Id, field))
            {
                Custom = true, Length = type switch { "string" or "picklist" => 255, "textarea" => 32768, _ => 0 }, LongText = type == "textarea",
                Picklist = values,
                Write = (w, v) =>
                {
                    w.CustomValues[field] = v is null ? null : type switch
                    {
                        "string" or "textarea" or "picklist" => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
                        // Datetimes arrive as ISO-8601 text and are served back in the wire format (salesforce.md §2a).
                        "datetime" => DateTime.Parse(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!, System.Globalization.CultureInfo.InvariantCulture,
                            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
                        _ => Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture),
                    };
                    return null;
                },
            };
        }
    }

    private static string? Set(SfWriteContext w, string column, object? value)
    {
        w.Set(column, value);
        return null;
    }
}
