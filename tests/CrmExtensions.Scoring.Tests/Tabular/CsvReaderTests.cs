using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Tests.Tabular;

public sealed class CsvReaderTests
{
    private static CsvTable Read(string text, char separator = ',', int maxCell = CsvReader.DefaultMaxCellLength) =>
        CsvReader.Read(new StringReader(text), "TRAIN", separator, maxCell);

    [Fact]
    public void Read_QuotedCommasQuotesAndLineBreaks_KeepsCellsIntact()
    {
        var table = Read("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n");

        table.Rows.Count.ShouldBe(2);
        table.Rows[0][1].ShouldBe("x, y");
        table.Rows[0][2].ShouldBe("say \"hi\"");
        table.Rows[1][1].ShouldBe("two\nlines");
        table.Lines.ShouldBe([2L, 3L]);
    }

    [Fact]
    public void Read_BlankAndEmptyQuotedCells_AreMissing()
    {
        var table = Read("a,b,c\n, ,\"\"\n");

        table.Rows[0].ShouldAllBe(cell => cell == null);
    }

    [Fact]
    public void Read_ByteOrderMarkAndTrailingEmptyLine_AreIgnored()
    {
        var table = Read("\uFEFFa,b\n1,2\n\n");

        table.Header.ShouldBe(["a", "b"]);
        table.Rows.Count.ShouldBe(1);
    }

    [Fact]
    public void Read_RaggedRow_NamesLineAndColumnWithoutValues()
    {
        var ex = Should.Throw<CsvFormatException>(() => Read("a,b,c\n1,2,3\n\"multi\nline\",secretvalue\n"));

        ex.Line.ShouldBe(3);
        ex.Column.ShouldBe("'b'");
        ex.Message.ShouldContain("line 3");
        ex.Message.ShouldNotContain("secretvalue");
        ex.Message.ShouldNotContain("multi");
    }

    [Fact]
    public void Read_TooManyCells_NamesTheExtraColumn()
    {
        var ex = Should.Throw<CsvFormatException>(() => Read("a,b\n1,2,3\n"));

        ex.Line.ShouldBe(2);
        ex.Column!.ShouldStartWith("3");
    }

    [Fact]
    public void Read_WrongSeparator_SaysWhichSeparatorTheFileUses()
    {
        var ex = Should.Throw<CsvFormatException>(() => Read("age;job;y\n30;admin;no\n", ','));

        ex.Line.ShouldBe(1);
        ex.Message.ShouldContain("';'");
    }

    [Fact]
    public void Read_VeryLongCell_IsRefusedNamingLineAndColumn()
    {
        var longCell = new string('q', 100_000);
        var ex = Should.Throw<CsvFormatException>(() => Read($"a,b\n1,2\n3,\"{longCell}\"\n"));

        ex.Line.ShouldBe(3);
        ex.Column.ShouldBe("'b'");
        ex.Message.Length.ShouldBeLessThan(300);
        ex.Message.ShouldNotContain("qqqq");
    }

    [Fact]
    public void Read_UnclosedQuote_NamesWhereTheCellStarts()
    {
        var ex = Should.Throw<CsvFormatException>(() => Read("a,b\n1,\"open\n2,3\n"));

        ex.Line.ShouldBe(2);
        ex.Column.ShouldBe("'b'");
    }

    [Fact]
    public void Read_DuplicateOrBlankHeader_IsRefused()
    {
        Should.Throw<CsvFormatException>(() => Read("a,A\n1,2\n")).Column.ShouldBe("'A'");
        Should.Throw<CsvFormatException>(() => Read("a,,c\n1,2,3\n")).Column.ShouldBe("2");
    }

    [Fact]
    public void Read_EmptyFile_IsRefused()
    {
        Should.Throw<CsvFormatException>(() => Read(""));
    }
}
