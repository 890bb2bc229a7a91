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

    [Fact]
    public void Infer_NumbersWithPlaceholdersAndAStrayCell_StaysNumeric()
    {
        var table = Table(300, i => i == 7 ? "NA,n/a" : i == 9 ? "oops,12" : $"{i},\"${i},000.50\"", "amount,price");

        ColumnTypeInference.Infer(table, 0, false).Kind.ShouldBe(ColumnKind.Number);
        ColumnTypeInference.Infer(table, 1, false).Kind.ShouldBe(ColumnKind.Number);
        var data = CsvColumns.Build(table, [ColumnTypeInference.Infer(table, 0, false), ColumnTypeInference.Infer(table, 1, false)]);
        data.Columns[0].Numbers![7].ShouldBe(double.NaN);
        data.Columns[0].Numbers![9].ShouldBe(double.NaN);
        data.Columns[1].Numbers![3].ShouldBe(3000.5);
        data.Columns[1].Numbers![7].ShouldBe(double.NaN);
    }

    [Theory]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("-$12", -12)]
    [InlineData("45%", 45)]
    [InlineData("1e3", 1000)]
    public void TryNumber_CommonExportFormats_Parse(string cell, double expected)
    {
        CellParser.TryNumber(cell, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }
}
