using System.Globalization;
using System.Text;

namespace CrmExtensions.Cli.Bench.Sklearn;

/// <summary>A small RFC 4180 CSV writer (every text cell quoted, numbers invariant) for the files the comparison script reads.</summary>
internal sealed class CsvFile : IDisposable
{
    private readonly StreamWriter _writer;

    public CsvFile(string path, params string[] header)
    {
        _writer = new StreamWriter(path, false, new UTF8Encoding(false));
        Row(header);
    }

    public void Row(params object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            _writer.Write(cells[i] switch
            {
                null => "",
                double d when double.IsNaN(d) => "",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                float f => f.ToString("R", CultureInfo.InvariantCulture),
                int n => n.ToString(CultureInfo.InvariantCulture),
                string s => Quote(s),
                var other => Quote(Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""),
            });
        }

        _writer.Write('\n');
    }

    public void Dispose() => _writer.Dispose();

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
