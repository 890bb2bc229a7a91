using CrmExtensions.Sandbox.Dataverse.Http;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>Parsed system query options of a collection request (dataverse.md §1).</summary>
internal sealed record QueryOptions(
    IReadOnlyList<string>? SelectNames, IReadOnlyList<ColumnDef>? Select, FilterNode? FilterText, Func<Row, bool>? Filter,
    IReadOnlyList<(ColumnDef Column, bool Descending)> OrderBy, int? Top, bool Count, string? SkipToken, string? DeltaToken,
    IReadOnlyDictionary<string, string> Raw)
{
    private static readonly HashSet<string> Known = ["$select", "$filter", "$orderby", "$top", "$count", "$skiptoken", "$deltatoken", "$expand"];

    /// <summary>Single-valued navigation properties to expand (collection-valued ones are not supported).</summary>
    public IReadOnlyList<ExpandOption> Expand { get; init; } = [];

    /// <summary>The select list for @odata.context, including expansions as <c>nav(col,…)</c>.</summary>
    public IReadOnlyList<string>? ContextNames =>
        Expand.Count == 0 ? SelectNames : [.. SelectNames ?? [], .. Expand.Select(e => $"{e.Name}({string.Join(',', e.SelectNames ?? [])})")];

    public static IReadOnlyDictionary<string, string> ParseQueryString(string rawQuery) =>
        QueryHelpers.ParseQuery(rawQuery).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);

    public static QueryOptions Parse(TableDef table, string rawQuery, Func<string, TableDef?>? tables = null, DateTime? now = null)
    {
        var q = ParseQueryString(rawQuery);
        foreach (var key in q.Keys)
        {
            if (key.StartsWith('$') && !Known.Contains(key))
            {
                // $skip is documented as unsupported (dataverse.md §1); $expand/$apply are outside the sandbox subset.
                throw DataverseException.BadRequest($"The query parameter {key} is not supported.");
            }
        }

        List<string>? selectNames = null;
        List<ColumnDef>? select = null;
        if (q.TryGetValue("$select", out var selectText))
        {
            selectNames = selectText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            select = selectNames.Select(n => table.ByWireName(n) ?? throw DataverseException.PropertyNotFound(n, table.LogicalName)).ToList();
        }

        FilterNode? filterNode = null;
        Func<Row, bool>? filter = null;
        if (q.TryGetValue("$filter", out var filterText))
        {
            filterNode = FilterParser.Parse(filterText);
            filter = FilterCompiler.Compile(filterNode, n => FilterCompiler.RowAccessor(table, n), table.LogicalName, now);
        }

        var orderBy = new List<(ColumnDef, bool)>();
        if (q.TryGetValue("$orderby", out var orderText))
        {
            foreach (var part in orderText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var pieces = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var column = table.ByWireName(pieces[0]) ?? throw DataverseException.PropertyNotFound(pieces[0], table.LogicalName);
                var descending = pieces.Length > 1 && pieces[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
                if (pieces.Length > 2 || (pieces.Length == 2 && !descending && !pieces[1].Equals("asc", StringComparison.OrdinalIgnoreCase)))
                {
                    throw DataverseException.BadRequest($"Syntax error at position {part.Length} in '{orderText}'.");
                }

                orderBy.Add((column, descending));
            }
        }

        int? top = null;
        if (q.TryGetValue("$top", out var topText))
        {
            top = int.TryParse(topText, System.Globalization.CultureInfo.InvariantCulture, out var t) && t >= 0
                ? t
                : throw DataverseException.BadRequest($"Invalid value '{topText}' for $top query option found. The $top query option requires a non-negative integer value.");
        }

        var count = q.TryGetValue("$count", out var countText) && countText.Equals("true", StringComparison.OrdinalIgnoreCase);
        var expand = q.TryGetValue("$expand", out var expandText) ? ParseExpand(table, expandText, tables) : [];
        return new QueryOptions(selectNames, select, filterNode, filter, orderBy, top, count,
            q.GetValueOrDefault("$skiptoken"), q.GetValueOrDefault("$deltatoken"), q)
        { Expand = expand };
    }

    private static List<ExpandOption> ParseExpand(TableDef table, string text, Func<string, TableDef?>? tables)
    {
        var result = new List<ExpandOption>();
        foreach (var item in SplitTopLevel(text))
        {
            var open = item.IndexOf('(', StringComparison.Ordinal);
            var name = (open < 0 ? item : item[..open]).Trim();
            if (table.ByNavigation(name) is not { } nav || tables?.Invoke(nav.Target) is not { } target)
            {
                throw DataverseException.PropertyNotFound(name, table.LogicalName);
            }

            List<string>? names = null;
            List<ColumnDef>? select = null;
            if (open >= 0)
            {
                var inner = item[(open + 1)..].TrimEnd().TrimEnd(')');
                foreach (var option in inner.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!option.StartsWith("$select=", StringComparison.Ordinal))
                    {
                        throw DataverseException.BadRequest($"Only $select is supported inside $expand by the sandbox; got '{option}'.");
                    }

                    names = option["$select=".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
                    select = names.Select(n => target.ByWireName(n) ?? throw DataverseException.PropertyNotFound(n, target.LogicalName)).ToList();
                }
            }

            result.Add(new ExpandOption(name, nav.Column, target, select, names));
        }

        return result;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
