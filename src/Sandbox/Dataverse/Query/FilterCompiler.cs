using System.Globalization;
using CrmExtensions.Sandbox.Dataverse.Http;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>Turns a parsed filter into a predicate, converting literals to each column's type once.</summary>
internal static class FilterCompiler
{
    /// <param name="node">The parsed filter.</param>
    /// <param name="resolve">Finds a property by name (null = unknown property).</param>
    /// <param name="entity">Logical name used in "property not found" errors.</param>
    /// <param name="now">The org clock, for date functions such as LastXDays (UTC days).</param>
    public static Func<TRow, bool> Compile<TRow>(FilterNode node, Func<string, PropertyAccessor<TRow>?> resolve, string entity, DateTime? now = null) => node switch
    {
        LogicalNode { IsAnd: true } n => And(Compile(n.Left, resolve, entity, now), Compile(n.Right, resolve, entity, now)),
        LogicalNode n => Or(Compile(n.Left, resolve, entity, now), Compile(n.Right, resolve, entity, now)),
        NotNode n => Not(Compile(n.Inner, resolve, entity, now)),
        ComparisonNode n => Comparison(n, Resolve(n.Property, resolve, entity)),
        FunctionNode n => Function(n, Resolve(n.Property, resolve, entity)),
        QueryFunctionNode n when n.Function is "In" or "NotIn" or "Between" or "NotBetween" => QueryFunction(n, Resolve(n.Property, resolve, entity)),
        QueryFunctionNode n => DateFunction(n, Resolve(n.Property, resolve, entity), now ?? DateTime.UtcNow),
        _ => throw new InvalidOperationException("Unknown filter node."),
    };

    private static Func<TRow, bool> DateFunction<TRow>(QueryFunctionNode n, PropertyAccessor<TRow> p, DateTime now)
    {
        if (p.Type != AttributeType.DateTime)
        {
            throw DataverseException.BadRequest($"Microsoft.Dynamics.CRM.{n.Function} requires a date and time property; '{n.Property}' is not one.");
        }

        var x = n.Values.Count > 0 ? int.Parse(n.Values[0], CultureInfo.InvariantCulture) : 0;
        var today = now.Date;
        // Ranges that end "now" include now; calendar days end before the next midnight.
        var (from, to, inclusive) = n.Function switch
        {
            "LastXDays" => (today.AddDays(-x), now, true),
            "NextXDays" => (now, today.AddDays(x + 1), false),
            "OlderThanXDays" => (DateTime.MinValue, now.AddDays(-x), false),
            "LastXHours" => (now.AddHours(-x), now, true),
            "NextXHours" => (now, now.AddHours(x), true),
            "Yesterday" => (today.AddDays(-1), today, false),
            "Tomorrow" => (today.AddDays(1), today.AddDays(2), false),
            _ => (today, today.AddDays(1), false),
        };
        return r => p.Get(r) is DateTime d && d >= from && (inclusive ? d <= to : d < to);
    }

    private static Func<TRow, bool> And<TRow>(Func<TRow, bool> a, Func<TRow, bool> b) => r => a(r) && b(r);

    private static Func<TRow, bool> Or<TRow>(Func<TRow, bool> a, Func<TRow, bool> b) => r => a(r) || b(r);

    private static Func<TRow, bool> Not<TRow>(Func<TRow, bool> a) => r => !a(r);

    private static PropertyAccessor<TRow> Resolve<TRow>(string property, Func<string, PropertyAccessor<TRow>?> resolve, string entity) =>
        resolve(property) ?? throw DataverseException.PropertyNotFound(property, entity);

    private static Func<TRow, bool> Function<TRow>(FunctionNode n, PropertyAccessor<TRow> p)
    {
        if (p.Type is not (AttributeType.String or AttributeType.Memo))
        {
            throw DataverseException.BadRequest($"The '{n.Function}' function requires a string property; '{n.Property}' is not one.");
        }

        var arg = n.Argument;
        return n.Function switch
        {
            "contains" => r => p.Get(r) is string s && s.Contains(arg, StringComparison.OrdinalIgnoreCase),
            "startswith" => r => p.Get(r) is string s && s.StartsWith(arg, StringComparison.OrdinalIgnoreCase),
            _ => r => p.Get(r) is string s && s.EndsWith(arg, StringComparison.OrdinalIgnoreCase),
        };
    }

    private static Func<TRow, bool> QueryFunction<TRow>(QueryFunctionNode n, PropertyAccessor<TRow> p)
    {
        var kind = p.Type switch
        {
            AttributeType.String or AttributeType.Memo => LiteralKind.String,
            AttributeType.Uniqueidentifier or AttributeType.Lookup or AttributeType.Customer or AttributeType.Owner => LiteralKind.Guid,
            AttributeType.DateTime => LiteralKind.DateTime,
            AttributeType.Boolean => LiteralKind.Boolean,
            _ => LiteralKind.Number,
        };
        var values = n.Values.Select(v => Convert(new ComparisonNode("eq", n.Property, new FilterLiteral(kind, v)), p)).ToList();
        Func<TRow, bool> test = n.Function.EndsWith("In", StringComparison.Ordinal)
            ? r => p.Get(r) is { } v && values.Any(c => ValueComparer.Compare(v, c) == 0)
            : r => p.Get(r) is { } v && ValueComparer.Compare(v, values[0]) >= 0 && ValueComparer.Compare(v, values[1]) <= 0;
        return n.Function.StartsWith("Not", StringComparison.Ordinal) ? r => p.Get(r) is not null && !test(r) : test;
    }

    private static Func<TRow, bool> Comparison<TRow>(ComparisonNode n, PropertyAccessor<TRow> p)
    {
        if (n.Value.Kind == LiteralKind.Null)
        {
            return n.Operator switch
            {
                "eq" => r => p.Get(r) is null,
                "ne" => r => p.Get(r) is not null,
                _ => _ => false,
            };
        }

        var constant = Convert(n, p);
        Func<int, bool> test = n.Operator switch
        {
            "eq" => c => c == 0,
            "ne" => c => c != 0,
            "gt" => c => c > 0,
            "ge" => c => c >= 0,
            "lt" => c => c < 0,
            _ => c => c <= 0,
        };
        return n.Operator == "ne"
            ? r => p.Get(r) is not { } v || test(ValueComparer.Compare(v, constant))
            : r => p.Get(r) is { } v && test(ValueComparer.Compare(v, constant));
    }

    private static object Convert<TRow>(ComparisonNode n, PropertyAccessor<TRow> p)
    {
        var literal = n.Value;
        var text = literal.Text;
        object? value = p.Type switch
        {
            AttributeType.String or AttributeType.Memo => literal.Kind == LiteralKind.String ? text : null,
            AttributeType.Uniqueidentifier or AttributeType.Lookup or AttributeType.Customer or AttributeType.Owner =>
                literal.Kind is LiteralKind.Guid or LiteralKind.String && System.Guid.TryParse(text, out var g) ? g : null,
            AttributeType.Boolean => literal.Kind == LiteralKind.Boolean ? text == "true" : null,
            AttributeType.DateTime => literal.Kind is LiteralKind.DateTime or LiteralKind.String
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d.UtcDateTime : null,
            AttributeType.Integer or AttributeType.Picklist or AttributeType.State or AttributeType.Status =>
                literal.Kind == LiteralKind.Number && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            AttributeType.BigInt => literal.Kind == LiteralKind.Number && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ => literal.Kind == LiteralKind.Number && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null,
        };
        return value ?? throw DataverseException.BadRequest(
            $"A binary operator with incompatible types was detected. Found operand types '{EdmType(p.Type)}' and '{LiteralEdm(literal.Kind)}' for operator kind '{OperatorKind(n.Operator)}'.");
    }

    private static string OperatorKind(string op) => op switch
    {
        "eq" => "Equal",
        "ne" => "NotEqual",
        "gt" => "GreaterThan",
        "ge" => "GreaterThanOrEqual",
        "lt" => "LessThan",
        _ => "LessThanOrEqual",
    };

    private static string LiteralEdm(LiteralKind kind) => kind switch
    {
        LiteralKind.String => "Edm.String",
        LiteralKind.Guid => "Edm.Guid",
        LiteralKind.DateTime => "Edm.DateTimeOffset",
        LiteralKind.Boolean => "Edm.Boolean",
        _ => "Edm.Decimal",
    };

    public static string EdmType(AttributeType type) => type switch
    {
        AttributeType.String or AttributeType.Memo => "Edm.String",
        AttributeType.Uniqueidentifier or AttributeType.Lookup or AttributeType.Customer or AttributeType.Owner => "Edm.Guid",
        AttributeType.Boolean => "Edm.Boolean",
        AttributeType.DateTime => "Edm.DateTimeOffset",
        AttributeType.BigInt => "Edm.Int64",
        AttributeType.Decimal or AttributeType.Money => "Edm.Decimal",
        _ => "Edm.Int32",
    };

    /// <summary>The accessor for a stored row's column (lookups compare by their id).</summary>
    public static PropertyAccessor<Row>? RowAccessor(TableDef table, string wireName)
    {
        if (table.ByWireName(wireName) is not { } column)
        {
            return null;
        }

        var index = column.Index;
        return column.IsLookup
            ? new PropertyAccessor<Row>(column.Type, false, r => (r.Get(index) as EntityRef)?.Id)
            : new PropertyAccessor<Row>(column.Type, column.DateOnly, r => r.ValueOf(column));
    }
}
