namespace CrmExtensions.Scoring.Tabular;

/// <summary>
/// Decides number / date / category / text per CSV column from its cells. Rules, not per-dataset constants:
/// a column is a number when its non-blank cells parse as one (placeholders like "NA" and up to 1% stray cells
/// become missing), a date likewise when they are ISO 8601, and
/// otherwise a category, unless almost every value is distinct (then free text if it reads like prose,
/// else an identifier, which is excluded).
/// </summary>
internal static class ColumnTypeInference
{
    public static ColumnDecision Infer(CsvTable table, int column, bool markedText)
    {
        var name = table.Header[column];
        if (markedText)
        {
            return new ColumnDecision(name, ColumnKind.Text, "marked as free text");
        }

        var nonBlank = 0;
        var placeholders = 0;
        var numbers = 0;
        var dates = 0;
        long totalLength = 0;
        var withSpaces = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var cell = row[column];
            if (cell is null)
            {
                continue;
            }

            nonBlank++;
            if (CellParser.IsMissingToken(cell))
            {
                placeholders++;
            }
            else if (CellParser.TryNumber(cell, out _))
            {
                numbers++;
            }
            else if (CellParser.TryDate(cell, out _))
            {
                dates++;
            }

            totalLength += cell.Length;
            if (cell.Contains(' ', StringComparison.Ordinal))
            {
                withSpaces++;
            }

            distinct.Add(cell);
        }

        if (nonBlank == 0)
        {
            return new ColumnDecision(name, ColumnKind.Ignored, "excluded: blank in every row");
        }

        if (distinct.Count == 1 && nonBlank == table.Rows.Count)
        {
            return new ColumnDecision(name, ColumnKind.Ignored, "excluded: the same value in every row");
        }

        var mostlyDistinct = nonBlank >= 50 && distinct.Count > 0.5 * nonBlank;
        // A few stray cells (typos, placeholders such as "NA") must not turn a numeric column into an identifier.
        var values = nonBlank - placeholders;
        if (values > 0 && numbers >= Math.Max(values - Math.Floor(0.01 * values), 1))
        {
            return mostlyDistinct && distinct.Count == nonBlank && LooksLikeIdName(name)
                ? new ColumnDecision(name, ColumnKind.Ignored, "excluded: an identifier (named like one, every value distinct)")
                : new ColumnDecision(name, ColumnKind.Number, "the non-blank cells are numbers");
        }

        if (values > 0 && dates >= Math.Max(values - Math.Floor(0.01 * values), 1))
        {
            return new ColumnDecision(name, ColumnKind.Date, "the non-blank cells are ISO 8601 dates; used as age in days");
        }

        if (mostlyDistinct)
        {
            var averageLength = totalLength / (double)nonBlank;
            return averageLength >= 20 && withSpaces > 0.5 * nonBlank
                ? new ColumnDecision(name, ColumnKind.Text, "almost every value is distinct prose; used as free text")
                : new ColumnDecision(name, ColumnKind.Ignored, "excluded: an identifier or free-form code (almost every value is distinct)");
        }

        return new ColumnDecision(name, ColumnKind.Category, $"{distinct.Count} distinct values; used as a category");
    }

    private static bool LooksLikeIdName(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("_id", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("Id", StringComparison.Ordinal)
        || name.EndsWith("ID", StringComparison.Ordinal)
        || name.EndsWith("key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("row", StringComparison.OrdinalIgnoreCase)
        || name.Equals("index", StringComparison.OrdinalIgnoreCase);
}
