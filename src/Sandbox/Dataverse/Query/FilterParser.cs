using System.Globalization;
using CrmExtensions.Sandbox.Dataverse.Http;

namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>
/// Recursive-descent parser for the <c>$filter</c> subset of dataverse.md §1: eq ne gt ge lt le, and or not,
/// parentheses, contains/startswith/endswith; single quotes escaped as <c>''</c>.
/// </summary>
internal sealed class FilterParser
{
    private static readonly HashSet<string> Comparisons = ["eq", "ne", "gt", "ge", "lt", "le"];
    private readonly string _text;
    private readonly List<(string Token, bool Quoted, int Position)> _tokens;
    private int _next;

    private FilterParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static FilterNode Parse(string text)
    {
        var parser = new FilterParser(text);
        var node = parser.ParseOr();
        if (parser._next < parser._tokens.Count)
        {
            throw parser.Syntax(parser._tokens[parser._next].Position);
        }

        return node;
    }

    private FilterNode ParseOr()
    {
        var left = ParseAnd();
        while (PeekWord("or"))
        {
            _next++;
            left = new LogicalNode(false, left, ParseAnd());
        }

        return left;
    }

    private FilterNode ParseAnd()
    {
        var left = ParseUnary();
        while (PeekWord("and"))
        {
            _next++;
            left = new LogicalNode(true, left, ParseUnary());
        }

        return left;
    }

    private FilterNode ParseUnary()
    {
        if (PeekWord("not"))
        {
            _next++;
            return new NotNode(ParseUnary());
        }

        if (Peek() is ("(", false, _))
        {
            _next++;
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        var (token, quoted, position) = Take();
        if (quoted)
        {
            throw Syntax(position);
        }

        if (Peek() is ("(", false, _) && token.StartsWith(QueryFunctionPrefix, StringComparison.Ordinal))
        {
            return ParseQueryFunction(token[QueryFunctionPrefix.Length..], position);
        }

        if (Peek() is ("(", false, _))
        {
            var function = token.ToLowerInvariant();
            if (function is not ("contains" or "startswith" or "endswith"))
            {
                throw DataverseException.BadRequest($"An unknown function with name '{token}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.");
            }

            _next++;
            var property = Take();
            Expect(",");
            var argument = Take();
            Expect(")");
            if (!argument.Quoted)
            {
                throw Syntax(argument.Position);
            }

            return new FunctionNode(function, property.Token, argument.Token);
        }

        var op = Take();
        if (op.Quoted || !Comparisons.Contains(op.Token))
        {
            throw Syntax(op.Position);
        }

        var value = Take();
        if (!value.Quoted && value.Token.StartsWith(QueryFunctionPrefix, StringComparison.Ordinal) && Peek() is (var member, true, var at) && at == value.Position + value.Token.Length)
        {
            // Enum literal such as Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist' (metadata queries): compare by member name.
            _next++;
            return new ComparisonNode(op.Token, token, new FilterLiteral(LiteralKind.String, member));
        }

        return new ComparisonNode(op.Token, token, Literal(value));
    }

    private const string QueryFunctionPrefix = "Microsoft.Dynamics.CRM.";
    private static readonly HashSet<string> QueryFunctions =
        ["In", "NotIn", "Between", "NotBetween", "LastXDays", "NextXDays", "OlderThanXDays", "LastXHours", "NextXHours", "Today", "Yesterday", "Tomorrow"];
    private static readonly HashSet<string> ListFunctions = ["In", "NotIn", "Between", "NotBetween"];

    /// <summary>Parses <c>Fn(PropertyName='p',PropertyValues=[…])</c> from the raw text (values may use ' or ").</summary>
    private QueryFunctionNode ParseQueryFunction(string name, int position)
    {
        if (!QueryFunctions.Contains(name))
        {
            throw DataverseException.BadRequest($"The query function 'Microsoft.Dynamics.CRM.{name}' is not supported by the sandbox.");
        }

        var open = _tokens[_next].Position;
        var close = open;
        var quote = '\0';
        for (var i = open + 1; i < _text.Length; i++)
        {
            var c = _text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ')')
            {
                close = i;
                break;
            }
        }

        if (close == open)
        {
            throw Syntax(position);
        }

        var args = _text[(open + 1)..close];
        var property = System.Text.RegularExpressions.Regex.Match(args, "PropertyName\\s*=\\s*['\"]([^'\"]+)['\"]");
        if (!property.Success)
        {
            throw DataverseException.BadRequest($"Microsoft.Dynamics.CRM.{name} needs PropertyName.");
        }

        if (!ListFunctions.Contains(name))
        {
            // Date functions: PropertyValue=n (absent for Today/Yesterday/Tomorrow).
            var single = System.Text.RegularExpressions.Regex.Match(args, "PropertyValue\\s*=\\s*['\"]?(\\d+)['\"]?");
            if (!single.Success && name.Contains('X', StringComparison.Ordinal))
            {
                throw DataverseException.BadRequest($"Microsoft.Dynamics.CRM.{name} needs PropertyValue.");
            }

            while (_next < _tokens.Count && _tokens[_next].Position <= close)
            {
                _next++;
            }

            return new QueryFunctionNode(name, property.Groups[1].Value, single.Success ? [single.Groups[1].Value] : []);
        }

        var values = System.Text.RegularExpressions.Regex.Match(args, "PropertyValues\\s*=\\s*\\[(.*)\\]");
        if (!values.Success)
        {
            throw DataverseException.BadRequest($"Microsoft.Dynamics.CRM.{name} needs PropertyValues.");
        }

        var list = System.Text.RegularExpressions.Regex.Matches(values.Groups[1].Value, "'((?:[^']|'')*)'|\"([^\"]*)\"")
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : m.Groups[2].Value).ToList();
        if (name.EndsWith("Between", StringComparison.Ordinal) && list.Count != 2)
        {
            throw DataverseException.BadRequest($"Microsoft.Dynamics.CRM.{name} needs exactly two PropertyValues.");
        }

        while (_next < _tokens.Count && _tokens[_next].Position <= close)
        {
            _next++;
        }

        return new QueryFunctionNode(name, property.Groups[1].Value, list);
    }

    private static FilterLiteral Literal((string Token, bool Quoted, int Position) t)
    {
        if (t.Quoted)
        {
            return new FilterLiteral(LiteralKind.String, t.Token);
        }

        var text = t.Token;
        if (text == "null")
        {
            return new FilterLiteral(LiteralKind.Null, text);
        }

        if (text is "true" or "false")
        {
            return new FilterLiteral(LiteralKind.Boolean, text);
        }

        if (System.Guid.TryParseExact(text, "D", out _))
        {
            return new FilterLiteral(LiteralKind.Guid, text);
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return new FilterLiteral(LiteralKind.Number, text);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return new FilterLiteral(LiteralKind.DateTime, text);
        }

        throw DataverseException.BadRequest($"Syntax error at position {t.Position + text.Length} in '{text}'.");
    }

    private bool PeekWord(string word) => Peek() is var (token, quoted, _) && !quoted && token == word;

    private (string Token, bool Quoted, int Position)? Peek() => _next < _tokens.Count ? _tokens[_next] : null;

    private (string Token, bool Quoted, int Position) Take() =>
        _next < _tokens.Count ? _tokens[_next++] : throw Syntax(_text.Length);

    private void Expect(string token)
    {
        var t = Take();
        if (t.Quoted || t.Token != token)
        {
            throw Syntax(t.Position);
        }
    }

    private DataverseException Syntax(int position) =>
        DataverseException.BadRequest($"Syntax error at position {position} in '{_text}'.");

    private static List<(string, bool, int)> Tokenize(string text)
    {
        var tokens = new List<(string, bool, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add((c.ToString(), false, i));
                i++;
            }
            else if (c == '\'')
            {
                var start = i;
                var sb = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw DataverseException.BadRequest($"There is an unterminated string literal at position {start} in '{text}'.");
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            sb.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(text[i++]);
                }

                tokens.Add((sb.ToString(), true, start));
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '\''))
                {
                    i++;
                }

                tokens.Add((text[start..i], false, start));
            }
        }

        return tokens;
    }
}
