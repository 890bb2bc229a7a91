using System.Text;

namespace CrmExtensions.Scoring.Tabular;

/// <summary>
/// An RFC 4180 reader: quoted fields may hold separators, doubled quotes and line breaks; a blank (or all-space)
/// unquoted cell and an empty quoted cell are missing. Errors name line and column and never quote a cell.
/// </summary>
internal static class CsvReader
{
    /// <summary>Longest cell accepted; longer cells are refused rather than silently cut.</summary>
    public const int DefaultMaxCellLength = 65_536;

    private static readonly char[] LikelySeparators = [',', ';', '\t', '|'];

    public static CsvTable Read(TextReader reader, string source, char separator, int maxCellLength = DefaultMaxCellLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var parser = new Parser(reader, source, separator, maxCellLength);
        var header = parser.NextRecord(out var headerLine)
            ?? throw new CsvFormatException(source, 0, null, "the file is empty; the first line must be a header");
        if (header.Count > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF')
        {
            header[0] = header[0][1..];
        }

        ValidateHeader(source, header, headerLine, separator);
        parser.Header = header;
        var rows = new List<string?[]>();
        var lines = new List<long>();
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        while (parser.NextRecord(out var line) is { } record)
        {
            if ((rows.Count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (record.Count == 1 && record[0].Length == 0 && header.Count > 1)
            {
                continue; // an empty line, common at the end of exports
            }

            if (record.Count != header.Count)
            {
                var column = record.Count > header.Count ? $"{header.Count + 1} (beyond the header)" : $"'{header[record.Count - 1]}'";
                throw new CsvFormatException(source, line, column,
                    $"the row has {record.Count} cells but the header has {header.Count} (a ragged row; check quoting and the separator)");
            }

            var cells = new string?[record.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = string.IsNullOrWhiteSpace(record[i]) ? null : Pool(pool, record[i].Trim());
            }

            rows.Add(cells);
            lines.Add(line);
        }

        return new CsvTable(source, header, rows, lines);
    }

    private static void ValidateHeader(string source, List<string> header, long line, char separator)
    {
        if (header.Count == 1)
        {
            var other = LikelySeparators.Where(c => c != separator && header[0].Contains(c, StringComparison.Ordinal))
                .OrderByDescending(c => header[0].Count(x => x == c)).FirstOrDefault();
            if (other != default)
            {
                throw new CsvFormatException(source, line, null,
                    $"the header has a single column but contains '{Printable(other)}' characters; the file seems to use '{Printable(other)}' as separator, not '{Printable(separator)}'");
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            header[i] = header[i].Trim();
            if (header[i].Length == 0)
            {
                throw new CsvFormatException(source, line, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "the header cell is blank; every column needs a name");
            }

            if (!seen.Add(header[i]))
            {
                throw new CsvFormatException(source, line, $"'{header[i]}'", "the column name appears twice in the header (names are case-insensitive)");
            }
        }
    }

    // Category cells repeat endlessly; sharing one string per distinct short value keeps large files small in memory.
    private static string Pool(Dictionary<string, string> pool, string cell)
    {
        if (cell.Length > 40)
        {
            return cell;
        }

        if (pool.TryGetValue(cell, out var shared))
        {
            return shared;
        }

        if (pool.Count < 200_000)
        {
            pool[cell] = cell;
        }

        return cell;
    }

    private static string Printable(char c) => c == '\t' ? "\\t" : c.ToString();

    private sealed class Parser(TextReader reader, string source, char separator, int maxCellLength)
    {
        private readonly StringBuilder _cell = new();
        private long _line = 1;
        private bool _eof;

        public List<string>? Header { get; set; }

        public List<string>? NextRecord(out long startLine)
        {
            startLine = _line;
            if (_eof || reader.Peek() < 0)
            {
                _eof = true;
                return null;
            }

            var cells = new List<string>();
            _cell.Clear();
            var quoted = false;
            var wasQuoted = false;
            while (true)
            {
                var read = reader.Read();
                if (read < 0)
                {
                    _eof = true;
                    if (quoted)
                    {
                        throw new CsvFormatException(source, startLine, Column(cells.Count), "a quoted cell is not closed before the end of the file");
                    }

                    cells.Add(_cell.ToString());
                    return cells;
                }

                var c = (char)read;
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            Append('"', startLine, cells.Count);
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            _line++;
                        }

                        Append(c, startLine, cells.Count);
                    }

                    continue;
                }

                if (c == separator)
                {
                    cells.Add(_cell.ToString());
                    _cell.Clear();
                    wasQuoted = false;
                }
                else if (c == '\r' || c == '\n')
                {
                    if (c == '\r' && reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    _line++;
                    cells.Add(_cell.ToString());
                    return cells;
                }
                else if (c == '"' && !wasQuoted && _cell.ToString().Trim().Length == 0)
                {
                    _cell.Clear();
                    quoted = true;
                    wasQuoted = true;
                }
                else
                {
                    // Text after a closing quote, or a quote inside an unquoted cell, is kept as written (lenient, as spreadsheets are).
                    Append(c, startLine, cells.Count);
                }
            }
        }

        private void Append(char c, long startLine, int index)
        {
            if (_cell.Length >= maxCellLength)
            {
                throw new CsvFormatException(source, startLine, Column(index), $"a cell is longer than {maxCellLength} characters");
            }

            _cell.Append(c);
        }

        private string Column(int index) => Header is not null && index < Header.Count
            ? $"'{Header[index]}'"
            : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
