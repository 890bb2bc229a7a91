using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary>
/// Recursive-descent parser for the SOQL subset the connector uses (salesforce.md §2): SELECT f1, f2 FROM Object
/// [WHERE cond] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n]; conditions with AND, OR, NOT,
/// parentheses, = != &lt;&gt; &lt; &gt; &lt;= &gt;= IN, NOT IN, LIKE; literals: quoted strings, numbers, true/false/null,
/// unquoted dates (2024-01-01) and datetimes (2024-01-01T00:00:00Z, ±hh:mm, optional .fff) (salesforce.md §2c).
/// </summary>
internal sealed class SoqlParser
{
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.fffzzz"];

    private readonly List<SoqlToken> _tokens;
    private int _pos;

    private SoqlParser(string text) => _tokens = SoqlLexer.Tokenize(text);

    public static SoqlQuery Parse(string text)
    {
        var parser = new SoqlParser(text);
        var query = parser.Query();
        if (parser.Peek.Kind != SoqlTokenKind.End)
        {
            throw new SoqlException($"unexpected token: '{parser.Peek.Text}'");
        }

        return query;
    }

    private SoqlToken Peek => _tokens[_pos];

    private SoqlQuery Query()
    {
        Expect("SELECT");
        var fields = new List<string> { Identifier() };
        while (TrySymbol(","))
        {
            fields.Add(Identifier());
        }

        Expect("FROM");
        var obj = Identifier();
        SoqlNode? where = null;
        if (TryKeyword("WHERE"))
        {
            where = Or();
        }

        var order = new List<SoqlOrder>();
        if (TryKeyword("ORDER"))
        {
            Expect("BY");
            do
            {
                var field = Identifier();
                var descending = TryKeyword("DESC");
                if (!descending)
                {
                    TryKeyword("ASC");
                }

                var nullsLast = descending;
                if (TryKeyword("NULLS"))
                {
                    nullsLast = TryKeyword("LAST");
                    if (!nullsLast)
                    {
                        Expect("FIRST");
                    }
                }

                order.Add(new SoqlOrder(field, descending, nullsLast));
            }
            while (TrySymbol(","));
        }

        int? limit = TryKeyword("LIMIT") ? Integer() : null;
        int? offset = TryKeyword("OFFSET") ? Integer() : null;
        return new SoqlQuery(fields, obj, where, order, limit, offset);
    }

    private SoqlNode Or()
    {
        var left = And();
        while (TryKeyword("OR"))
        {
            left = new SoqlLogical(false, left, And());
        }

        return left;
    }

    private SoqlNode And()
    {
        var left = Unary();
        while (TryKeyword("AND"))
        {
            left = new SoqlLogical(true, left, Unary());
        }

        return left;
    }

    private SoqlNode Unary()
    {
        if (TryKeyword("NOT"))
        {
            return new SoqlNot(Unary());
        }

        if (TrySymbol("("))
        {
            var inner = Or();
            ExpectSymbol(")");
            return inner;
        }

        var field = Identifier();
        var token = Next();
        if (token.Kind == SoqlTokenKind.Symbol && token.Text is "=" or "!=" or "<>" or "<" or ">" or "<=" or ">=")
        {
            return new SoqlComparison(field, token.Text == "<>" ? "!=" : token.Text, Literal());
        }

        if (token.Kind == SoqlTokenKind.Word && Is(token, "LIKE"))
        {
            var pattern = Next();
            if (pattern.Kind != SoqlTokenKind.String)
            {
                throw new SoqlException($"unexpected token: '{pattern.Text}'");
            }

            return new SoqlComparison(field, "LIKE", LikePattern(pattern.Text));
        }

        var negated = token.Kind == SoqlTokenKind.Word && Is(token, "NOT");
        if (negated)
        {
            token = Next();
        }

        if (token.Kind == SoqlTokenKind.Word && Is(token, "IN"))
        {
            ExpectSymbol("(");
            var values = new List<object?> { Literal() };
            while (TrySymbol(","))
            {
                values.Add(Literal());
            }

            ExpectSymbol(")");
            return new SoqlComparison(field, negated ? "NOT IN" : "IN", values);
        }

        throw new SoqlException($"unexpected token: '{token.Text}'");
    }

    private object? Literal()
    {
        var token = Next();
        if (token.Kind == SoqlTokenKind.String)
        {
            return PlainString(token.Text);
        }

        if (token.Kind != SoqlTokenKind.Word)
        {
            throw new SoqlException($"unexpected token: '{token.Text}'");
        }

        var text = token.Text;
        if (Is(token, "null"))
        {
            return null;
        }

        if (Is(token, "true") || Is(token, "false"))
        {
            return Is(token, "true");
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dateTime))
        {
            return dateTime.UtcDateTime;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        throw new SoqlException($"unexpected token: '{text}'");
    }

    /// <summary>A string outside LIKE: \_ and \% are LIKE-only escapes, so here they are errors.</summary>
    private static string PlainString(string escaped)
    {
        var sb = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\')
            {
                var next = escaped[++i];
                if (next != '\\')
                {
                    throw new SoqlException($"Invalid string literal. Illegal character sequence '\\{next}' in string literal.");
                }
            }

            sb.Append(escaped[i]);
        }

        return sb.ToString();
    }

    /// <summary>LIKE: % = any run, _ = one character, \% and \_ literal; matching is case-insensitive.</summary>
    private static Regex LikePattern(string escaped)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c == '\\')
            {
                sb.Append(Regex.Escape(escaped[++i].ToString()));
            }
            else
            {
                sb.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private int Integer()
    {
        var token = Next();
        return token.Kind == SoqlTokenKind.Word && int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new SoqlException($"unexpected token: '{token.Text}'");
    }

    private string Identifier()
    {
        var token = Next();
        if (token.Kind != SoqlTokenKind.Word || !(char.IsLetter(token.Text[0]) || token.Text[0] == '_'))
        {
            throw new SoqlException(token.Kind == SoqlTokenKind.End ? "unexpected end of query" : $"unexpected token: '{token.Text}'");
        }

        return token.Text;
    }

    private SoqlToken Next() => _tokens[Math.Min(_pos++, _tokens.Count - 1)];

    private static bool Is(SoqlToken token, string keyword) => string.Equals(token.Text, keyword, StringComparison.OrdinalIgnoreCase);

    private bool TryKeyword(string keyword)
    {
        if (Peek.Kind == SoqlTokenKind.Word && Is(Peek, keyword))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool TrySymbol(string symbol)
    {
        if (Peek.Kind == SoqlTokenKind.Symbol && Peek.Text == symbol)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(string keyword)
    {
        if (!TryKeyword(keyword))
        {
            throw new SoqlException(Peek.Kind == SoqlTokenKind.End ? "unexpected end of query" : $"unexpected token: '{Peek.Text}'");
        }
    }

    private void ExpectSymbol(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw new SoqlException(Peek.Kind == SoqlTokenKind.End ? "unexpected end of query" : $"unexpected token: '{Peek.Text}'");
        }
    }
}
