using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Csv;

/// <summary>Reads and checks the label column of TRAIN and decides the task.</summary>
internal static class CsvLabels
{
    // Values that name the "yes" side of a two-valued outcome in most exports; otherwise the rarer class is positive.
    private static readonly string[] PositiveWords = ["yes", "y", "true", "1", "won", "win", "converted", "qualified", "positive", "churned", "success"];

    public static int Column(CsvTable table, string label)
    {
        var index = table.IndexOf(label);
        return index >= 0 ? index : throw new CsvFormatException(table.Source, 1, $"'{label}'", "the label column is not in the header");
    }

    public static string[] Values(CsvTable table, int column)
    {
        var values = new string[table.Rows.Count];
        for (var r = 0; r < values.Length; r++)
        {
            values[r] = table.Rows[r][column]
                ?? throw new CsvFormatException(table.Source, table.Lines[r], table.ColumnName(column), "the label is blank; every training row needs a label");
        }

        return values;
    }

    public static PredictionKind Decide(CsvTable table, int column, string[] values, PredictionKind requested, string? positive)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).Count();
        var kind = requested;
        if (kind == PredictionKind.Auto)
        {
            kind = positive is not null || distinct == 2 ? PredictionKind.Binary
                : values.All(v => CellParser.TryNumber(v, out _)) ? PredictionKind.Regression
                : PredictionKind.Multiclass;
        }

        if (distinct < 2)
        {
            throw new CsvFormatException(table.Source, 0, table.ColumnName(column),
                $"the label has a single distinct value in all {values.Length} rows; a model needs at least two outcomes");
        }

        if (kind == PredictionKind.Regression)
        {
            for (var r = 0; r < values.Length; r++)
            {
                if (!CellParser.TryNumber(values[r], out _))
                {
                    throw new CsvFormatException(table.Source, table.Lines[r], table.ColumnName(column), "the label is not a number, but regression needs numeric labels");
                }
            }
        }

        return kind;
    }

    public static string ChoosePositive(CsvTable table, int column, string[] values, string? requested)
    {
        if (requested is not null)
        {
            return values.Contains(requested, StringComparer.Ordinal) ? requested
                : values.FirstOrDefault(v => string.Equals(v, requested, StringComparison.OrdinalIgnoreCase))
                  ?? throw new CsvFormatException(table.Source, 0, table.ColumnName(column), "the positive value given does not occur in the label column");
        }

        var counts = values.GroupBy(v => v, StringComparer.Ordinal).Select(g => (Value: g.Key, Count: g.Count())).ToList();
        if (counts.Count > 2)
        {
            throw new CsvFormatException(table.Source, 0, table.ColumnName(column),
                $"the label has {counts.Count} distinct values; name the positive one (--positive) or choose another kind");
        }

        var named = counts.Where(c => PositiveWords.Contains(c.Value, StringComparer.OrdinalIgnoreCase)).ToList();
        return named.Count == 1 ? named[0].Value
            : counts.OrderBy(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).First().Value;
    }
}
