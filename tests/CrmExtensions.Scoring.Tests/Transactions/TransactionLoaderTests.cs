using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Transactions;

public sealed class TransactionLoaderTests
{
    private static readonly TransactionColumns Columns = new()
    {
        Customer = "Customer", Item = "Item", Date = "Date", Quantity = "Qty", Price = "Price", Invoice = "Invoice",
    };

    [Fact]
    public void Load_CancellationInvoiceAndNegativeQuantity_MarkedAsReturnsWithNegativeAmounts()
    {
        var csv = "Invoice,Customer,Item,Date,Qty,Price\n" +
                  "536365,c1,i1,2024-01-02,3,2.5\n" +
                  "C536366,c1,i1,2024-01-03,3,2.5\n" +
                  "536367,c1,i2,2024-01-04,-1,4\n" +
                  "CUST9,c2,i2,12/1/2010 8:26,1,4\n";

        var set = TransactionLoader.Load(new StringReader(csv), Columns, ',');

        set.Lines.Select(l => l.IsReturn).ShouldBe([false, true, true, false]);
        set.Lines[0].Amount.ShouldBe(7.5);
        set.Lines[1].Quantity.ShouldBe(-3);
        set.Lines[1].Amount.ShouldBe(-7.5);
        set.Lines[2].Amount.ShouldBe(-4);
        set.Lines[3].Date.ShouldBe(new DateTime(2010, 12, 1, 8, 26, 0, DateTimeKind.Utc));
        set.Customers.ShouldBe(["c1", "c2"]);
    }

    [Fact]
    public void Load_AmountColumnWithRefund_RefundIsReturnAndQuantityDefaultsToOne()
    {
        var columns = new TransactionColumns { Customer = "c", Date = "d", Amount = "a" };

        var set = TransactionLoader.Load(new StringReader("c,d,a\nk,2024-01-01,12.5\nk,2024-01-02,-2.5\n"), columns, ',');

        set.Lines.Select(l => (l.Amount, l.Quantity, l.IsReturn)).ShouldBe([(12.5, 1.0, false), (-2.5, -1.0, true)]);
        set.Lines.ShouldAllBe(l => l.Item == -1);
    }

    [Fact]
    public void Load_BlankCustomer_RowSkippedAndCounted()
    {
        var set = TransactionLoader.Load(new StringReader("Customer,Item\n,i1\nc1,i1\n"), new TransactionColumns { Customer = "Customer", Item = "Item" }, ',');

        set.Lines.Count.ShouldBe(1);
        set.SkippedRows.ShouldBe(1);
    }

    [Fact]
    public void Load_CustomerWhoseOnlyRowHasNoItem_IsStillListed()
    {
        var set = TransactionLoader.Load(new StringReader("Customer,Item\nc2,\nc1,i1\n"), new TransactionColumns { Customer = "Customer", Item = "Item" }, ',');

        set.Customers.ShouldBe(["c2", "c1"]);
        set.Lines.Count.ShouldBe(1);
    }

    [Fact]
    public void Load_MissingColumn_ErrorNamesColumnAndOption()
    {
        var ex = Should.Throw<TransactionFileException>(() =>
            TransactionLoader.Load(new StringReader("Customer,Item\nc1,i1\n"), Columns with { Item = "Item" }, ','));

        ex.Column.ShouldBe("Date");
        ex.Message.ShouldContain("--date");
        ex.Message.ShouldContain("line 1");
    }

    [Fact]
    public void Load_UnparseableDate_ErrorNamesLineAndColumnWithoutTheValue()
    {
        var csv = "Invoice,Customer,Item,Date,Qty,Price\n1,c1,i1,2024-01-02,1,1\n2,c1,i1,\"secret\nvalue\",1,1\n";

        var ex = Should.Throw<TransactionFileException>(() => TransactionLoader.Load(new StringReader(csv), Columns, ','));

        ex.Line.ShouldBe(3);
        ex.Column.ShouldBe("Date");
        ex.Message.ShouldStartWith("line 3, column 'Date'");
        ex.Message.ShouldNotContain("secret");
    }

    [Fact]
    public void Load_UnparseableQuantity_ErrorWithoutTheValue()
    {
        var csv = "Invoice,Customer,Item,Date,Qty,Price\n1,c1,i1,2024-01-02,lots,1\n";

        var ex = Should.Throw<TransactionFileException>(() => TransactionLoader.Load(new StringReader(csv), Columns, ','));

        ex.Message.ShouldBe("line 2, column 'Qty': the value is not a number ('.' is the decimal point)");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Load_EmptyFile_ClearError(string text)
    {
        var ex = Should.Throw<TransactionFileException>(() => TransactionLoader.Load(new StringReader(text), Columns, ','));

        ex.Message.ShouldContain("empty");
    }

    [Fact]
    public void Load_HeaderOnly_ClearError()
    {
        var ex = Should.Throw<TransactionFileException>(() =>
            TransactionLoader.Load(new StringReader("Invoice,Customer,Item,Date,Qty,Price\n"), Columns, ','));

        ex.Message.ShouldContain("no data rows");
    }

    [Fact]
    public void Load_RowWithTooFewFields_ErrorNamesLine()
    {
        var ex = Should.Throw<TransactionFileException>(() =>
            TransactionLoader.Load(new StringReader("Customer,Item\nc1\n"), new TransactionColumns { Customer = "Customer", Item = "Item" }, ','));

        ex.Line.ShouldBe(2);
    }
}
