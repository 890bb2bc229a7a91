using System.Globalization;
using System.Text;

namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary>
/// Splits SOQL into tokens. Quoted strings follow "Quoted String Escape Sequences" (Salesforce SOQL reference,
/// sforce_api_calls_soql_select_quotedstringescapes): \n \N \r \R \t \T \b \B \f \F \" \' \\ and \uXXXX; \_ and \%
/// only inside LIKE (kept escaped here so the LIKE compiler can treat them literally); any other backslash is an error.
/// </summary>
internal static class SoqlLexer
{
    public static List<SoqlToken> Tokenize(string text)
    {
        var tokens = new List<SoqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var start = i;
                tokens.Add(new SoqlToken(SoqlTokenKind.String, ReadString(text, ref i), start));
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new SoqlToken(SoqlTokenKind.Symbol, c.ToString(), i++));
            }
            else if (c is '=' or '<' or '>' or '!')
            {
                var start = i++;
                if (i < text.Length && ((c is '<' or '>' or '!' && text[i] == '=') || (c == '<' && text[i] == '>')))
                {
                    i++;
                }

                var op = text[start..i];
                if (op == "!")
                {
                    throw new SoqlException($"unexpected token: '!' at position {start + 1}");
                }

                tokens.Add(new SoqlToken(SoqlTokenKind.Symbol, op, start));
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '+' or ':')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-' or '+' or ':'))
                {
                    i++;
                }

                tokens.Add(new SoqlToken(SoqlTokenKind.Word, text[start..i], start));
            }
            else
            {
                throw new SoqlException($"unexpected token: '{c}' at position {i + 1}");
            }
        }

        tokens.Add(new SoqlToken(SoqlTokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    /// <summary>Reads a quoted string; \_ and \% stay as backslash pairs (LIKE-only escapes) and are rejected elsewhere.</summary>
    private static string ReadString(string text, ref int i)
    {
        var start = i++;
        var sb = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '\'')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i >= text.Length)
            {
                break;
            }

            var e = text[i++];
            switch (e)
            {
                case 'n' or 'N': sb.Append('\n'); break;
                case 'r' or 'R': sb.Append('\r'); break;
                case 't' or 'T': sb.Append('\t'); break;
                case 'b' or 'B': sb.Append('\b'); break;
                case 'f' or 'F': sb.Append('\f'); break;
                case '"': sb.Append('"'); break;
                case '\'': sb.Append('\''); break;
                case '\\': sb.Append("\\\\"); break;
                case '_' or '%': sb.Append('\\').Append(e); break;
                case 'u' when i + 4 <= text.Length && int.TryParse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    throw new SoqlException($"Invalid string literal '{text[start..Math.Min(text.Length, i)]}...'. Illegal character sequence '\\{e}' in string literal.");
            }
        }

        throw new SoqlException($"unexpected token: unterminated string literal at position {start + 1}");
    }
}
