using System.Text.Json;
using System.Text.RegularExpressions;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Query;

namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>
/// <c>EntityDefinitions</c>: table and column metadata (types, IsSecured, option sets, ChangeTrackingEnabled) and
/// creating a column on an existing table (dataverse.md §7 "create the column via Web API metadata").
/// </summary>
internal static partial class DataverseApi
{
    private static DataverseResponse MetadataRequest(DataverseRequest request, RequestContext ctx, string path)
    {
        var m = MetadataPath().Match(path);
        if (!m.Success)
        {
            throw NotFound(path);
        }

        var tables = ctx.Org.Stores.Select(s => s.Table).OrderBy(t => t.LogicalName, StringComparer.Ordinal).ToList();
        var entityKey = m.Groups["entity"].Success ? m.Groups["entity"].Value : null;
        var table = entityKey is null ? null : FindTable(tables, entityKey);
        var raw = QueryOptions.ParseQueryString(request.RawQuery);
        var expand = raw.GetValueOrDefault("$expand") ?? string.Empty;

        if (request.Method == "POST" && table is not null && m.Groups["attributes"].Success && !m.Groups["attribute"].Success)
        {
            return CreateColumn(request, ctx, table);
        }

        if (request.Method is "PUT" or "DELETE" && table is not null && m.Groups["attribute"].Success && !m.Groups["cast"].Success)
        {
            var key = m.Groups["attribute"].Value;
            var existing = table.Columns.FirstOrDefault(c => Matches(key, c.LogicalName, c.MetadataId))
                ?? throw MetadataJson.NotFound($"attribute {key} on {table.LogicalName}");
            return request.Method == "PUT" ? UpdateColumn(request, ctx, table, existing) : DeleteColumn(ctx, table, existing);
        }

        if (request.Method != "GET")
        {
            throw new DataverseException(405, "0x80060888", "Only GET, POST of a column to EntityDefinitions(...)/Attributes, and PUT or DELETE of one column are supported.");
        }

        if (table is null)
        {
            var entities = tables.Select(MetadataJson.Entity).ToList();
            return MetadataCollection(ctx, "EntityDefinitions", Filtered(entities, raw, "EntityMetadata"), raw, e => ExpandAttributes(tables, e, expand));
        }

        if (!m.Groups["attributes"].Success)
        {
            var entity = ExpandAttributes(tables, MetadataJson.Entity(table), expand);
            return MetadataSingle(ctx, "EntityDefinitions", Selected(entity, raw.GetValueOrDefault("$select")));
        }

        var cast = m.Groups["cast"].Success ? m.Groups["cast"].Value : null;
        var withOptions = expand.Contains("OptionSet", StringComparison.Ordinal);
        var attributes = table.Columns
            .Where(c => cast is null || MetadataJson.MetadataType(c.Type) == cast)
            .Select(c => (Column: c, Json: MetadataJson.Attribute(table, c, withOptions))).ToList();
        if (m.Groups["attribute"].Success)
        {
            var key = m.Groups["attribute"].Value;
            var found = attributes.FirstOrDefault(a => Matches(key, a.Column.LogicalName, a.Column.MetadataId));
            return found.Json is null
                ? throw MetadataJson.NotFound($"attribute {key} on {table.LogicalName}")
                : MetadataSingle(ctx, $"EntityDefinitions('{table.MetadataId}')/Attributes", Selected(found.Json, raw.GetValueOrDefault("$select")));
        }

        return MetadataCollection(ctx, $"EntityDefinitions('{table.MetadataId}')/Attributes", Filtered(attributes.Select(a => a.Json).ToList(), raw, "AttributeMetadata"), raw, a => a);
    }

    private static TableDef? FindTable(List<TableDef> tables, string key) =>
        tables.FirstOrDefault(t => Matches(key, t.LogicalName, t.MetadataId)) ?? throw MetadataJson.NotFound($"entity {key}");

    private static bool Matches(string key, string logicalName, Guid metadataId) =>
        Guid.TryParse(key, out var id) ? id == metadataId : key == $"LogicalName='{logicalName}'";

    private static OrderedDictionary<string, object?> ExpandAttributes(List<TableDef> tables, OrderedDictionary<string, object?> entity, string expand)
    {
        if (!expand.StartsWith("Attributes", StringComparison.Ordinal))
        {
            return entity;
        }

        var table = tables.First(t => t.LogicalName == (string)entity["LogicalName"]!);
        var select = ExpandSelect().Match(expand) is { Success: true } s ? s.Groups[1].Value : null;
        entity["Attributes"] = table.Columns.Select(c => (object?)Selected(MetadataJson.Attribute(table, c, false), select)).ToList();
        return entity;
    }

    private static List<OrderedDictionary<string, object?>> Filtered(List<OrderedDictionary<string, object?>> items, IReadOnlyDictionary<string, string> raw, string typeName)
    {
        if (!raw.TryGetValue("$filter", out var filter))
        {
            return items;
        }

        var predicate = FilterCompiler.Compile<OrderedDictionary<string, object?>>(FilterParser.Parse(filter), name =>
        {
            var sample = items.Select(i => MetadataJson.Get(i, name)).FirstOrDefault(v => v is not null);
            if (sample is null && !items.Any(i => i.ContainsKey(name.Split('/')[0])))
            {
                return null;
            }

            var type = sample switch
            {
                bool => AttributeType.Boolean,
                int => AttributeType.Integer,
                Guid => AttributeType.Uniqueidentifier,
                _ => AttributeType.String,
            };
            return new PropertyAccessor<OrderedDictionary<string, object?>>(type, false, i => MetadataJson.Get(i, name));
        }, typeName);
        return items.Where(predicate).ToList();
    }

    private static OrderedDictionary<string, object?> Selected(OrderedDictionary<string, object?> item, string? select)
    {
        if (select is null)
        {
            return item;
        }

        var names = select.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var result = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in item)
        {
            // MetadataId and type annotations are always returned, like the service does.
            if (names.Contains(key) || key is "MetadataId" or "@odata.type" or "Attributes" or "OptionSet")
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static DataverseResponse MetadataCollection(RequestContext ctx, string set, List<OrderedDictionary<string, object?>> items, IReadOnlyDictionary<string, string> raw, Func<OrderedDictionary<string, object?>, OrderedDictionary<string, object?>> expand)
    {
        var select = raw.GetValueOrDefault("$select");
        var body = JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{ctx.ApiRoot}$metadata#{set}" + (select is null ? string.Empty : $"({select})"));
            w.WritePropertyName("value");
            MetadataJson.Write(w, items.Select(i => (object?)Selected(expand(i), select)).ToList());
            w.WriteEndObject();
        });
        return DataverseResponse.Json(200, body);
    }

    private static DataverseResponse MetadataSingle(RequestContext ctx, string set, OrderedDictionary<string, object?> item)
    {
        var withContext = new OrderedDictionary<string, object?> { ["@odata.context"] = $"{ctx.ApiRoot}$metadata#{set}/$entity" };
        foreach (var (k, v) in item)
        {
            withContext[k] = v;
        }

        return DataverseResponse.Json(200, JsonBuffer.Write(w => MetadataJson.Write(w, withContext)));
    }

    /// <summary>Creates a column from an AttributeMetadata body (@odata.type, SchemaName, MaxLength, OptionSet…).</summary>
    private static DataverseResponse CreateColumn(DataverseRequest request, RequestContext ctx, TableDef table)
    {
        using var doc = ParseJson(request.Body);
        var body = doc.RootElement;
        var odataType = MetadataJson.Find(body, "@odata.type")?.GetString()?.TrimStart('#').Replace("Microsoft.Dynamics.CRM.", string.Empty, StringComparison.Ordinal);
        var schemaName = MetadataJson.Find(body, "SchemaName")?.GetString();
        if (odataType is null || string.IsNullOrWhiteSpace(schemaName))
        {
            throw DataverseException.BadRequest("An attribute needs \"@odata.type\" and \"SchemaName\".");
        }

        var type = Enum.GetValues<AttributeType>().Where(t => MetadataJson.MetadataType(t) == odataType && t is not (AttributeType.State or AttributeType.Status or AttributeType.Customer or AttributeType.Owner or AttributeType.Uniqueidentifier or AttributeType.BigInt))
            .Cast<AttributeType?>().FirstOrDefault() ?? throw DataverseException.BadRequest($"Creating attributes of type '{odataType}' is not supported by the sandbox.");
        var logicalName = schemaName.ToLowerInvariant();
        if (table.ByLogicalName(logicalName) is not null)
        {
            throw DataverseException.BadRequest($"An attribute with the name '{logicalName}' already exists on '{table.LogicalName}'.", "0x80047013");
        }

        var solution = SolutionFor(request, ctx);
        var options = MetadataJson.Find(body, "OptionSet") is { } set && set.TryGetProperty("Options", out var list)
            ? list.EnumerateArray().Select(o => new OptionDef(o.GetProperty("Value").GetInt32(), LabelText(o.GetProperty("Label")) ?? string.Empty)).ToList()
            : [];
        var column = table.Add(new ColumnDef(logicalName, type, 0)
        {
            MaxLength = MetadataJson.Find(body, "MaxLength")?.GetInt32() ?? (type is AttributeType.String ? 100 : type is AttributeType.Memo ? 2000 : null),
            MinValue = MetadataJson.Find(body, "MinValue")?.GetDecimal(),
            MaxValue = MetadataJson.Find(body, "MaxValue")?.GetDecimal(),
            DateOnly = MetadataJson.Find(body, "Format")?.GetString() == "DateOnly",
            Options = options,
            IsCustom = true,
            SchemaName = schemaName,
            DisplayName = MetadataJson.Find(body, "DisplayName") is { } label ? LabelText(label) : null,
            IsAuditEnabled = ManagedBoolean(body, "IsAuditEnabled") ?? true,
            MetadataId = Guid.NewGuid(),
        });
        if (solution is not null)
        {
            var components = ctx.Org.ByLogicalName("solutioncomponent")!;
            var t = components.Table;
            ctx.Org.Create(components, Guid.NewGuid(), new Dictionary<ColumnDef, object?>
            {
                [t.ByLogicalName("componenttype")!] = 2,
                [t.ByLogicalName("objectid")!] = column.MetadataId,
                [t.ByLogicalName("solutionid")!] = new Store.EntityRef("solution", solution.Value),
                [t.ByLogicalName("rootcomponentbehavior")!] = 0,
            }, ctx.CallerId, ctx.Tx);
        }

        return DataverseResponse.NoContent(new KeyValuePair<string, string>("OData-EntityId", $"{ctx.ApiRoot}EntityDefinitions({table.MetadataId:D})/Attributes({column.MetadataId:D})"));
    }

    /// <summary>
    /// PUT of a whole AttributeMetadata (Microsoft's "Update a column": the definition replaces the stored one; the type
    /// and logical name cannot change). Labels are replaced unless <c>MSCRM.MergeLabels: true</c>; the sandbox keeps one
    /// language, so both behave alike.
    /// </summary>
    private static DataverseResponse UpdateColumn(DataverseRequest request, RequestContext ctx, TableDef table, ColumnDef existing)
    {
        if (!existing.IsCustom)
        {
            throw DataverseException.BadRequest($"The sandbox only updates custom columns; '{existing.LogicalName}' is a system column.");
        }

        using var doc = ParseJson(request.Body);
        var body = doc.RootElement;
        var odataType = MetadataJson.Find(body, "@odata.type")?.GetString()?.TrimStart('#').Replace("Microsoft.Dynamics.CRM.", string.Empty, StringComparison.Ordinal);
        if (odataType is not null && odataType != MetadataJson.MetadataType(existing.Type))
        {
            throw DataverseException.BadRequest($"The type of attribute '{existing.LogicalName}' cannot be changed from {MetadataJson.MetadataType(existing.Type)} to {odataType}.");
        }

        if (MetadataJson.Find(body, "LogicalName")?.GetString() is { } name && !string.Equals(name, existing.LogicalName, StringComparison.Ordinal))
        {
            throw DataverseException.BadRequest($"The logical name of attribute '{existing.LogicalName}' cannot be changed.");
        }

        _ = SolutionFor(request, ctx);
        table.Replace(existing with
        {
            MaxLength = MetadataJson.Find(body, "MaxLength")?.GetInt32() ?? existing.MaxLength,
            MinValue = MetadataJson.Find(body, "MinValue")?.GetDecimal() ?? existing.MinValue,
            MaxValue = MetadataJson.Find(body, "MaxValue")?.GetDecimal() ?? existing.MaxValue,
            DisplayName = MetadataJson.Find(body, "DisplayName") is { } label ? LabelText(label) ?? existing.DisplayName : existing.DisplayName,
            IsAuditEnabled = ManagedBoolean(body, "IsAuditEnabled") ?? existing.IsAuditEnabled,
        });
        return DataverseResponse.NoContent();
    }

    /// <summary>DELETE of a custom column; its solution components go with it.</summary>
    private static DataverseResponse DeleteColumn(RequestContext ctx, TableDef table, ColumnDef existing)
    {
        if (!existing.IsCustom)
        {
            throw DataverseException.BadRequest($"The system column '{existing.LogicalName}' cannot be deleted.", "0x80048405");
        }

        table.Remove(existing);
        var components = ctx.Org.ByLogicalName("solutioncomponent")!;
        var objectId = components.Table.ByLogicalName("objectid")!.Index;
        foreach (var row in components.Rows.Where(r => r.Get(objectId) is Guid id && id == existing.MetadataId).ToList())
        {
            ctx.Org.Delete(components, row, ctx.CallerId, ctx.Tx);
        }

        return DataverseResponse.NoContent();
    }

    // A managed property is written either as {"Value": true, ...} or, by some clients, as a plain boolean.
    private static bool? ManagedBoolean(JsonElement body, string name) => MetadataJson.Find(body, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("Value", out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False => v.GetBoolean(),
        _ => null,
    };

    /// <summary>The solution named by the MSCRM.SolutionUniqueName header (dataverse.md §0), if any; unknown names fail.</summary>
    private static Guid? SolutionFor(DataverseRequest request, RequestContext ctx)
    {
        if (request.Header("MSCRM.SolutionUniqueName") is not { Length: > 0 } name)
        {
            return null;
        }

        var solutions = ctx.Org.ByLogicalName("solution")!;
        var unique = solutions.Table.ByLogicalName("uniquename")!.Index;
        return solutions.Rows.FirstOrDefault(r => string.Equals(r.Get(unique) as string, name, StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw DataverseException.BadRequest($"The solution '{name}' named in MSCRM.SolutionUniqueName does not exist.", "0x8004F01F");
    }

    private static string? LabelText(JsonElement label) =>
        label.TryGetProperty("LocalizedLabels", out var labels) && labels.GetArrayLength() > 0 ? labels[0].GetProperty("Label").GetString() : null;

    [GeneratedRegex(@"^EntityDefinitions(\((?<entity>[^)]+)\))?(?<attributes>/Attributes(\((?<attribute>[^)]+)\))?(/Microsoft\.Dynamics\.CRM\.(?<cast>\w+))?)?$")]
    private static partial Regex MetadataPath();

    [GeneratedRegex(@"^Attributes\(\$select=([^)]*)\)")]
    private static partial Regex ExpandSelect();
}
