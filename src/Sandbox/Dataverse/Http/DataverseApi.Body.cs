using System.Globalization;
using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Query;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Http;

internal static partial class DataverseApi
{
    /// <summary>Converts a JSON entity body to typed column values, rejecting unknown properties and invalid values.</summary>
    private static Dictionary<ColumnDef, object?> ParseBody(EntityStore store, JsonElement body, RequestContext ctx)
    {
        var table = store.Table;
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw DataverseException.BadRequest("The request body must be a JSON object.", "0x80048d19");
        }

        var values = new Dictionary<ColumnDef, object?>();
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            if (name.EndsWith("@odata.bind", StringComparison.Ordinal))
            {
                var (column, target) = table.ByNavigation(name[..^"@odata.bind".Length]) ?? throw UnknownProperty(table, name[..^"@odata.bind".Length]);
                values[column] = property.Value.ValueKind == JsonValueKind.Null ? null : Bind(ctx, target, property.Value.GetString() ?? string.Empty);
                continue;
            }

            if (name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            var col = table.ByLogicalName(name);
            if (col is null || col.IsLookup)
            {
                throw UnknownProperty(table, name);
            }

            if (col.ReadOnly && col.Index != table.PrimaryId.Index)
            {
                continue;
            }

            values[col] = ConvertValue(table, col, property.Value);
        }

        return values;
    }

    private static EntityRef Bind(RequestContext ctx, string target, string reference)
    {
        var text = reference;
        var api = text.IndexOf("/api/data/v9.2/", StringComparison.OrdinalIgnoreCase);
        if (api >= 0)
        {
            text = text[(api + "/api/data/v9.2/".Length)..];
        }

        text = text.TrimStart('/');
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var store = open > 0 ? ctx.Org.BySetName(text[..open]) : null;
        if (store is null || !text.EndsWith(')') || store.Table.LogicalName != target || !Guid.TryParse(text[(open + 1)..^1], out var id))
        {
            throw DataverseException.BadRequest($"The @odata.bind value '{reference}' does not reference a {target} record.", "0x80048d19");
        }

        if (store.Find(id) is null)
        {
            throw RecordNotFound(target, id);
        }

        return new EntityRef(target, id);
    }

    private static DataverseException UnknownProperty(TableDef table, string name) =>
        // Observed live (see docs/sandbox-data.md §Wire decisions): code 0x80048d19 wrapping the OData message.
        new(400, "0x80048d19",
            $"Error identified in Payload provided by the user for Entity :'{table.EntitySetName}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293 ----> InnerException : Microsoft.OData.ODataException: The property '{name}' does not exist on type '{table.EdmTypeName}'. Make sure to only use property names that are defined by the type or mark the type as open type.");

    private static object? ConvertValue(TableDef table, ColumnDef column, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        try
        {
            object result = column.Type switch
            {
                AttributeType.String or AttributeType.Memo => value.GetString()!,
                AttributeType.Integer or AttributeType.Picklist or AttributeType.State or AttributeType.Status => value.GetInt32(),
                AttributeType.BigInt => value.GetInt64(),
                AttributeType.Decimal or AttributeType.Money => value.GetDecimal(),
                AttributeType.Boolean => value.GetBoolean(),
                AttributeType.Uniqueidentifier => Guid.Parse(value.GetString()!),
                AttributeType.DateTime => column.DateOnly
                    ? DateTime.SpecifyKind(DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc)
                    : DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime is var d
                        ? new DateTime(d.Ticks - (d.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc)
                        : default,
                _ => throw new FormatException(),
            };
            Validate(table, column, result);
            return result;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentNullException)
        {
            throw new DataverseException(400, "0x80048d19",
                $"Error identified in Payload provided by the user for Entity :'{table.EntitySetName}' ----> InnerException : Microsoft.OData.ODataException: Cannot convert the literal '{value.GetRawText()}' to the expected type '{FilterCompiler.EdmType(column.Type)}'.");
        }
    }

    private static void Validate(TableDef table, ColumnDef column, object value)
    {
        switch (value)
        {
            case string s when column.MaxLength is { } max && s.Length > max:
                // Wording from the doc's $batch failure example (dataverse.md §3), two spaces included.
                throw new DataverseException(400, "0x80044331",
                    $"A validation error occurred.  The length of the '{column.LogicalName}' attribute of the '{table.LogicalName}' entity exceeded the maximum allowed length of '{max}'.");
            case int i when column.Type == AttributeType.Picklist && column.Option(i) is null:
                throw new DataverseException(400, "0x80044331",
                    $"A validation error occurred.  The value {i} of '{column.LogicalName}' on record of type '{table.LogicalName}' is outside the valid range.");
            case int i when column.Type == AttributeType.Integer && (i < (column.MinValue ?? int.MinValue) || i > (column.MaxValue ?? int.MaxValue)):
                throw new DataverseException(400, "0x80044331",
                    $"A validation error occurred.  The value {i} of '{column.LogicalName}' on record of type '{table.LogicalName}' is outside the valid range. Accepted Values: {column.MinValue} to {column.MaxValue}");
            default:
                break;
        }
    }

    /// <summary>
    /// Rules real orgs enforce on writes: statecode/statuscode must be a valid pair (dataverse.md §3, 0x80048408), and a
    /// resolved or canceled case rejects updates other than reopening it.
    /// </summary>
    private static void ValidateRules(EntityStore store, Row? existing, Dictionary<ColumnDef, object?> values, RequestContext ctx)
    {
        var table = store.Table;
        var stateColumn = table.ByLogicalName("statecode");
        var statusColumn = table.ByLogicalName("statuscode");
        if (table.LogicalName == "incident" && existing is not null && stateColumn is not null
            && existing.Get(stateColumn.Index) is int currentState && currentState != 0
            && !(values.TryGetValue(stateColumn, out var reopen) && reopen is 0))
        {
            throw new DataverseException(400, "0x80040203", currentState == 1
                ? "This case has already been resolved. Close and reopen the case, and then try again."
                : "This case has been canceled. Reactivate the case, and then try again.");
        }

        if (stateColumn is null || statusColumn is null)
        {
            return;
        }

        var hasState = values.TryGetValue(stateColumn, out var stateValue);
        var hasStatus = values.TryGetValue(statusColumn, out var statusValue);
        if (!hasState && !hasStatus)
        {
            return;
        }

        if (hasState && (stateValue is not int s || stateColumn.Option(s) is null))
        {
            throw new DataverseException(400, "0x80044331", $"A validation error occurred.  The value {stateValue} of 'statecode' on record of type '{table.LogicalName}' is outside the valid range.");
        }

        if (hasStatus && (statusValue is not int st || statusColumn.Option(st) is null))
        {
            throw new DataverseException(400, "0x80044331", $"A validation error occurred.  The value {statusValue} of 'statuscode' on record of type '{table.LogicalName}' is outside the valid range.");
        }

        if (hasState && !hasStatus)
        {
            values[statusColumn] = stateColumn.Option((int)stateValue!)!.DefaultStatus;
        }
        else if (hasStatus && !hasState)
        {
            values[stateColumn] = statusColumn.Option((int)statusValue!)!.State;
        }
        else if (statusColumn.Option((int)statusValue!)!.State != (int)stateValue!)
        {
            var stateLabel = stateColumn.Option((int)stateValue)!.Label.Replace(" ", string.Empty, StringComparison.Ordinal);
            var entityName = char.ToUpperInvariant(table.LogicalName[0]) + table.LogicalName[1..];
            throw new DataverseException(400, "0x80048408",
                $"{statusValue} is not a valid status code for state code {entityName}State.{stateLabel} on {table.LogicalName} with Id {existing?.Id ?? Guid.Empty:D}.");
        }

        if (table.LogicalName == "incident" && (int)values[stateColumn]! == 1 && !ctx.Options.Variants.AllowResolveIncidentByPatch)
        {
            // dataverse.md §8: resolving requires the CloseIncident action (UNVERIFIED; DataverseVariants selects).
            throw new DataverseException(400, "0x80040203", "A case can't be resolved by setting statecode; use the CloseIncident action.");
        }
    }
}
