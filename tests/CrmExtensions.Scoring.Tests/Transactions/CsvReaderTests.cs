using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Transactions;

public sealed class CsvReaderTests
{
    [Fact]
    public void Read_QuotedSeparatorsQuotesAndLineBreaks_KeepsFieldsAndStartLines()
    {
        var text = "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n\n3,4";

        var rows = CsvReader.Read(new StringReader(text), ',').ToList();

        rows.Count.ShouldBe(4);
        rows[1].Fields.ShouldBe(["x, y", "say \"hi\""]);
        rows[2].Fields.ShouldBe(["two\nlines", "z"]);
        rows[2].Line.ShouldBe(3);
        rows[3].Line.ShouldBe(6);
    }

    [Fact]
    public void Read_UnclosedQuote_ThrowsWithLine()
    {
        var ex = Should.Throw<TransactionFileException>(() => CsvReader.Read(new StringReader("a\n\"open"), ',').ToList());

        ex.Line.ShouldBe(2);
    }

    [Fact]
    public void Read_SemicolonSeparator_SplitsOnSemicolon()
    {
        CsvReader.Read(new StringReader("a;b,c"), ';').Single().Fields.ShouldBe(["a", "b,c"]);
    }
}
