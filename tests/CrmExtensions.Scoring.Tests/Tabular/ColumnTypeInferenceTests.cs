using System.Text;
using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Tests.Tabular;

public sealed class ColumnTypeInferenceTests
{
    private static CsvTable Table(int rows, Func<int, string> row, string header)
    {
        var text = new StringBuilder(header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            text.Append(row(i)).Append('\n');
        }

        return CsvReader.Read(new StringReader(text.ToString()), "TRAIN", ',');
    }

    [Fact]
    public void Infer_MixedColumns_DecidesEachKind()
    {
        var table = Table(100, i => $"{i},{(i % 3 == 0 ? "" : (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture))},{(i % 2 == 0 ? "web" : "phone")},2024-01-{(i % 28) + 1:00},\"words number {i} are here\",code{i}",
            "id,amount,source,created,notes,ref");

        ColumnTypeInference.Infer(table, 0, false).Kind.ShouldBe(ColumnKind.Ignored);
        ColumnTypeInference.Infer(table, 1, false).Kind.ShouldBe(ColumnKind.Number);
        ColumnTypeInference.Infer(table, 2, false).Kind.ShouldBe(ColumnKind.Category);
        ColumnTypeInference.Infer(table, 3, false).Kind.ShouldBe(ColumnKind.Date);
        ColumnTypeInference.Infer(table, 4, false).Kind.ShouldBe(ColumnKind.Text);
        ColumnTypeInference.Infer(table, 5, false).Kind.ShouldBe(ColumnKind.Ignored);
        ColumnTypeInference.Infer(table, 2, true).Kind.ShouldBe(ColumnKind.Text);
    }

    [Fact]
    public void Infer_BlankOrConstantColumn_IsIgnoredWithReason()
    {
        var table = Table(10, i => $",same,{i}", "empty,constant,n");

        ColumnTypeInference.Infer(table, 0, false).Reason.ShouldContain("blank");
        ColumnTypeInference.Infer(table, 1, false).Reason.ShouldContain("same value");
    }
}
