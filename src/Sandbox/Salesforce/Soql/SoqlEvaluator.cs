using System.Globalization;
using System.Text.RegularExpressions;
using CrmExtensions.Sandbox.Salesforce.Schema;

namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary>Checks a parsed query against an sObject and evaluates it over projected records (field name → value).</summary>
internal static class SoqlEvaluator
{
    /// <summary>Throws INVALID_FIELD for unknown fields and for literals of the wrong type (e.g. a quoted datetime).</summary>
    public static void Validate(SoqlQuery query, SfObject obj)
    {
        foreach (var name in query.Fields.Concat(query.OrderBy.Select(o => o.Field)))
        {
            Field(obj, name);
        }

        if (query.Where is { } where)
        {
            Check(where, obj);
        }
    }

    public static SfField Field(SfObject obj, string name) =>
        obj.Field(name) ?? throw new SoqlException("INVALID_FIELD",
            $"No such column '{name}' on entity '{obj.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");

    public static bool Matches(SoqlNode node, IReadOnlyDictionary<string, object?> record) => node switch
    {
        SoqlLogical { IsAnd: true } l => Matches(l.Left, record) && Matches(l.Right, record),
        SoqlLogical l => Matches(l.Left, record) || Matches(l.Right, record),
        SoqlNot n => !Matches(n.Inner, record),
        SoqlComparison c => Compare(c, record[c.Field]),
        _ => false,
    };

    public static int CompareValues(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        return (a, b) switch
        {
            (string x, string y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
            (DateTime x, DateTime y) => x.CompareTo(y),
            (DateOnly x, DateOnly y) => x.CompareTo(y),
            (bool x, bool y) => x.CompareTo(y),
            _ => Convert.ToDecimal(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(b, CultureInfo.InvariantCulture)),
        };
    }

    private static bool Compare(SoqlComparison c, object? value)
    {
        switch (c.Op)
        {
            case "LIKE":
                return value is string s && ((Regex)c.Value!).IsMatch(s);
            case "IN":
                return value is not null && ((List<object?>)c.Value!).Any(v => Equal(value, v));
            case "NOT IN":
                return !((List<object?>)c.Value!).Any(v => Equal(value, v));
            case "=":
                return Equal(value, c.Value);
            case "!=":
                return !Equal(value, c.Value);
            default:
                if (value is null || c.Value is null)
                {
                    return false;
                }

                var order = CompareValues(value, c.Value);
                return c.Op switch { "<" => order < 0, ">" => order > 0, "<=" => order <= 0, _ => order >= 0 };
        }
    }

    private static bool Equal(object? value, object? literal) =>
        value is null || literal is null ? value is null && literal is null : CompareValues(value, literal) == 0;

    private static void Check(SoqlNode node, SfObject obj)
    {
        switch (node)
        {
            case SoqlLogical l:
                Check(l.Left, obj);
                Check(l.Right, obj);
                break;
            case SoqlNot n:
                Check(n.Inner, obj);
                break;
            case SoqlComparison c:
                var field = Field(obj, c.Field);
                var literals = c.Value is List<object?> list ? list : c.Op == "LIKE" ? [] : [c.Value];
                if (c.Op == "LIKE" && field.Type is not ("string" or "textarea" or "email" or "phone" or "url" or "picklist" or "id" or "reference"))
                {
                    throw new SoqlException("INVALID_FIELD", $"invalid operator on {field.Type} field: {field.Name}");
                }

                foreach (var literal in literals.Where(l => l is not null))
                {
                    CheckLiteral(field, literal!);
                }

                break;
        }
    }

    private static void CheckLiteral(SfField field, object literal)
    {
        var ok = field.Type switch
        {
            "datetime" => literal is DateTime,
            "date" => literal is DateOnly,
            "boolean" => literal is bool,
            "int" or "double" or "currency" or "percent" => literal is decimal,
            _ => literal is string,
        };
        if (!ok)
        {
            var expected = field.Type switch { "datetime" => "dateTime", "int" or "double" or "currency" or "percent" => "number", _ => field.Type };
            var quoted = field.Type is "datetime" or "date" or "boolean" or "int" or "double" or "currency" or "percent" ? " and should not be enclosed in quotes" : string.Empty;
            throw new SoqlException("INVALID_FIELD", $"value of filter criterion for field '{field.Name}' must be of type {expected}{quoted}");
        }
    }
}
