namespace CrmExtensions.Scoring.Tabular;

/// <summary>Turns CSV cells into typed columns of the kinds decided on the training file.</summary>
internal static class CsvColumns
{
    /// <summary>Builds the typed feature columns of <paramref name="table"/>; a column absent from it is all missing.</summary>
    public static TabularData Build(CsvTable table, IReadOnlyList<ColumnDecision> decisions)
    {
        var columns = new List<TabularColumn>();
        var rows = table.Rows.Count;
        foreach (var decision in decisions)
        {
            if (decision.Kind == ColumnKind.Ignored)
            {
                continue;
            }

            var index = table.IndexOf(decision.Name);
            switch (decision.Kind)
            {
                case ColumnKind.Number:
                case ColumnKind.Date:
                    var numbers = new double[rows];
                    for (var r = 0; r < rows; r++)
                    {
                        var cell = index < 0 ? null : table.Rows[r][index];
                        numbers[r] = cell is null ? double.NaN
                            : decision.Kind == ColumnKind.Number ? (CellParser.TryNumber(cell, out var n) ? n : double.NaN)
                            : CellParser.TryDate(cell, out var d) ? d : double.NaN;
                    }

                    columns.Add(new TabularColumn(decision.Name, decision.Kind, numbers, null));
                    break;
                default:
                    var strings = new string?[rows];
                    for (var r = 0; r < rows; r++)
                    {
                        strings[r] = index < 0 ? null : table.Rows[r][index];
                    }

                    columns.Add(new TabularColumn(decision.Name, decision.Kind, null, strings));
                    break;
            }
        }

        return new TabularData(columns, rows);
    }
}
