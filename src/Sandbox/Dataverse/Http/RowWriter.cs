using System.Globalization;
using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>
/// Writes rows as the Web API does (dataverse.md §1 "Collection shape"): <c>@odata.etag</c> first, the selected
/// columns (lookups as <c>_x_value</c>), the primary key always, and formatted-value / lookup annotations when the
/// Prefer header asks for them.
/// </summary>
internal sealed class RowWriter(OrgStore org, TableDef table, IReadOnlyList<ColumnDef>? select, PreferHeader prefer, IReadOnlyList<Query.ExpandOption>? expand = null)
{
    public const string FormattedValue = "OData.Community.Display.V1.FormattedValue";
    public const string LookupLogicalName = "Microsoft.Dynamics.CRM.lookuplogicalname";
    public const string NavigationProperty = "Microsoft.Dynamics.CRM.associatednavigationproperty";

    private readonly IReadOnlyList<ColumnDef> _columns = Columns(table, select);
    private readonly bool _formatted = prefer.Wants(FormattedValue);
    private readonly bool _lookupName = prefer.Wants(LookupLogicalName);
    private readonly bool _navigation = prefer.Wants(NavigationProperty);
    private readonly List<(Query.ExpandOption Option, RowWriter Writer)> _expand =
        (expand ?? []).Select(e => (e, new RowWriter(org, e.Target, e.Select, prefer))).ToList();

    public void Write(Utf8JsonWriter w, Row row, string? context = null)
    {
        w.WriteStartObject();
        if (context is not null)
        {
            w.WriteString("@odata.context", context);
        }

        w.WriteString("@odata.etag", Etag(row));
        foreach (var column in _columns)
        {
            var value = column.IsSecured ? null : row.ValueOf(column);
            var name = column.WireName;
            if (value is not null)
            {
                WriteAnnotations(w, row, column, name, value);
            }

            WriteValue(w, name, column, value);
        }

        foreach (var (option, writer) in _expand)
        {
            // A single-valued navigation property: the related row, or null when unset or of another target table.
            w.WritePropertyName(option.Name);
            if (row.Get(option.Lookup.Index) is EntityRef reference && reference.LogicalName == option.Target.LogicalName
                && org.ByLogicalName(reference.LogicalName)?.Find(reference.Id) is { } related)
            {
                writer.Write(w, related);
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndObject();
    }

    public static string Etag(Row row) => $"W/\"{row.Version.ToString(CultureInfo.InvariantCulture)}\"";

    private static IReadOnlyList<ColumnDef> Columns(TableDef table, IReadOnlyList<ColumnDef>? select)
    {
        if (select is null)
        {
            return table.Columns;
        }

        return select.Any(c => c.Index == table.PrimaryId.Index) ? select.Distinct().ToList() : [.. select.Distinct(), table.PrimaryId];
    }

    private void WriteAnnotations(Utf8JsonWriter w, Row row, ColumnDef column, string name, object value)
    {
        if (value is EntityRef reference)
        {
            if (_formatted && LookupName(reference) is { } display)
            {
                w.WriteString($"{name}@{FormattedValue}", display);
            }

            if (_navigation)
            {
                w.WriteString($"{name}@{NavigationProperty}", column.Targets.Count > 1 ? table.NavigationName(column.LogicalName, reference.LogicalName) : column.LogicalName);
            }

            if (_lookupName)
            {
                w.WriteString($"{name}@{LookupLogicalName}", reference.LogicalName);
            }

            return;
        }

        if (_formatted && Format(row, column, value) is { } formatted)
        {
            w.WriteString($"{name}@{FormattedValue}", formatted);
        }
    }

    private string? LookupName(EntityRef reference)
    {
        var target = org.ByLogicalName(reference.LogicalName);
        if (target?.Table.PrimaryNameAttribute is not { } primaryName || target.Find(reference.Id) is not { } row)
        {
            return null;
        }

        return row.Get(target.Table.ByLogicalName(primaryName)!.Index) as string;
    }

    private string? Format(Row row, ColumnDef column, object value) => column.Type switch
    {
        AttributeType.Picklist or AttributeType.State or AttributeType.Status => column.Option((int)value)?.Label,
        AttributeType.Money => FormatMoney(row, (decimal)value),
        AttributeType.Integer => ((int)value).ToString("N0", CultureInfo.InvariantCulture),
        AttributeType.Decimal => ((decimal)value).ToString("N2", CultureInfo.InvariantCulture),
        AttributeType.Boolean => (bool)value ? "Yes" : "No",
        AttributeType.DateTime => column.DateOnly
            ? ((DateTime)value).ToString("M/d/yyyy", CultureInfo.InvariantCulture)
            : ((DateTime)value).ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture),
        _ => null,
    };

    private string FormatMoney(Row row, decimal amount)
    {
        var symbol = "$";
        var precision = 2;
        if (table.ByLogicalName("transactioncurrencyid") is { } c && row.Get(c.Index) is EntityRef currencyRef
            && org.ByLogicalName("transactioncurrency") is { } currencies && currencies.Find(currencyRef.Id) is { } currency)
        {
            symbol = currency.Get(currencies.Table.ByLogicalName("currencysymbol")!.Index) as string ?? symbol;
            precision = currency.Get(currencies.Table.ByLogicalName("currencyprecision")!.Index) as int? ?? precision;
        }

        return symbol + amount.ToString("N" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public static void WriteValue(Utf8JsonWriter w, string name, ColumnDef column, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNull(name);
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
                w.WriteString(name, column.DateOnly ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                break;
            case Guid g:
                w.WriteString(name, g.ToString("D"));
                break;
            case EntityRef r:
                w.WriteString(name, r.Id.ToString("D"));
                break;
            default:
                w.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
