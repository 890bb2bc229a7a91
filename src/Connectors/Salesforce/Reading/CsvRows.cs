using System.Text;

namespace CrmExtensions.Connectors.Salesforce.Reading;

/// <summary>
/// Reads a Bulk API 2.0 result set: RFC 4180 CSV, comma-separated, LF line endings, a header of API names in SELECT
/// order, every value quoted with <c>""</c> escaping, an empty cell for null (salesforce.md §4a, §4b).
/// </summary>
internal static class CsvRows
{
    public static (IReadOnlyList<string> Header, List<string[]> Rows) Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException("A Bulk API result set ends inside a quoted value.");
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        if (rows.Count == 0)
        {
            return ([], rows);
        }

        var header = rows[0];
        rows.RemoveAt(0);
        return (header, rows);
    }
}
