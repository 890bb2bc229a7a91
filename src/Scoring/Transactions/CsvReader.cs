using System.Text;

namespace CrmExtensions.Scoring.Transactions;

/// <summary>
/// RFC 4180 reader: quoted fields may hold separators, doubled quotes and line breaks; CRLF and LF both end a record.
/// </summary>
internal static class CsvReader
{
    /// <summary>Reads records lazily; blank lines are skipped.</summary>
    public static IEnumerable<CsvRow> Read(TextReader reader, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = 1;
        long recordStart = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var recordHasContent = false;

        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            if (ch == '"' && field.Length == 0 && !fieldWasQuoted)
            {
                inQuotes = true;
                fieldWasQuoted = true;
                recordHasContent = true;
            }
            else if (ch == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldWasQuoted = false;
                recordHasContent = true;
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                if (recordHasContent || field.Length > 0)
                {
                    fields.Add(field.ToString());
                    yield return new CsvRow(recordStart, [.. fields]);
                }

                fields.Clear();
                field.Clear();
                fieldWasQuoted = false;
                recordHasContent = false;
                line++;
                recordStart = line;
            }
            else
            {
                field.Append(ch);
                recordHasContent = true;
            }
        }

        if (inQuotes)
        {
            throw new TransactionFileException(recordStart, null, "a quoted field is not closed before the end of the file");
        }

        if (recordHasContent || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRow(recordStart, [.. fields]);
        }
    }
}
