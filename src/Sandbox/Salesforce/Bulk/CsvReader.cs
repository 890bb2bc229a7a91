using System.Text;

namespace CrmExtensions.Sandbox.Salesforce.Bulk;

/// <summary>RFC 4180-style CSV with a chosen delimiter: quoted fields may hold delimiters, quotes ("") and line breaks.</summary>
internal static class CsvReader
{
    public static List<string[]> Read(string text, char delimiter)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            if (c == '"')
            {
                quoted = true;
                any = true;
            }
            else if (c == delimiter)
            {
                row.Add(field.ToString());
                field.Clear();
                any = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (any || field.Length > 0)
                {
                    row.Add(field.ToString());
                    rows.Add([.. row]);
                }

                row.Clear();
                field.Clear();
                any = false;
            }
            else
            {
                field.Append(c);
                any = true;
            }
        }

        if (any || field.Length > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
