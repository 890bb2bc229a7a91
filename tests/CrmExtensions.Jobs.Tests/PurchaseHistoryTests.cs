using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Purchases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Testing.Builders;

namespace CrmExtensions.Jobs.Tests;

public sealed class PurchaseHistoryTests
{
    private static readonly OrgId Org = TestOrgs.Unique();
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly PurchaseSpec Spec = PurchaseSpec.For(CrmKind.Dataverse);

    [Fact]
    public void Build_OrdersOfAccountsContactsAndCancelled_KeepsOnlyAccountPurchasesAndCountsTheRest()
    {
        CrmRecord[] orders =
        [
            Order("o1", "account", "a1", state: "0"),
            Order("o2", "contact", "c1", state: "0"),
            Order("o3", "account", "a1", state: "2"),
        ];
        CrmRecord[] lines = [Line("l1", "o1", "p1"), Line("l2", "o2", "p1"), Line("l3", "o3", "p2"), Line("l4", "o9", "p2")];

        var history = PurchaseHistory.Build(Spec, orders, lines, []);

        var line = history.Lines.ShouldHaveSingleItem();
        line.Customer.ShouldBe("a1");
        line.Item.ShouldBe("p1");
        line.Invoice.ShouldBe("o1");
        line.Date.ShouldBe(Day.UtcDateTime);
        history.Skipped["line of a cancelled order"].ShouldBe(1);
        history.Skipped["line without a synced order"].ShouldBe(2);
        history.Skipped["order without a customer of account"].ShouldBe(1);
    }

    [Fact]
    public void Build_MoneyInOtherCurrency_UsesBaseAmountElsePriceTimesQuantityLessDiscount()
    {
        CrmRecord[] orders = [Order("o1", "account", "a1", state: "0")];
        CrmRecord[] lines =
        [
            new RecordBuilder(Org, "salesorderdetail", "l1").ModifiedOn(Day)
                .With("salesorderid", new LookupValue("o1", "salesorder")).With("productid", new LookupValue("p1", "product"))
                .With("quantity", 3).With("extendedamount", new MoneyValue(300m, "EUR", 330m)).Build(),
            new RecordBuilder(Org, "salesorderdetail", "l2").ModifiedOn(Day)
                .With("salesorderid", new LookupValue("o1", "salesorder")).With("productid", new LookupValue("p2", "product"))
                .With("quantity", 2).With("priceperunit", new MoneyValue(50m, "USD", 50m)).With("manualdiscountamount", new MoneyValue(10m, "USD", 10m)).Build(),
        ];

        var history = PurchaseHistory.Build(Spec, orders, lines, []);

        history.Lines.Select(l => (l.Item, l.Quantity, l.Amount)).ShouldBe([("p1", 3.0, 330.0), ("p2", 2.0, 90.0)]);
    }

    [Fact]
    public void Build_Products_NamesAndRetiredOnesAreKnown()
    {
        CrmRecord[] products =
        [
            new RecordBuilder(Org, "product", "p1").ModifiedOn(Day).With("name", "Blue widget").With("statecode", new OptionValue("0", "Active")).Build(),
            new RecordBuilder(Org, "product", "p2").ModifiedOn(Day).With("name", "Old widget").With("statecode", new OptionValue("1", "Retired")).Build(),
            CrmRecord.Tombstone(Org, "product", "p3", Day),
        ];

        var history = PurchaseHistory.Build(Spec, [], [], products);

        history.ProductNames.ShouldBe(new Dictionary<string, string> { ["p1"] = "Blue widget", ["p2"] = "Old widget" });
        history.InactiveProducts.ShouldBe(["p2"]);
    }

    private static CrmRecord Order(string id, string customerTable, string customer, string state) =>
        new RecordBuilder(Org, "salesorder", id).ModifiedOn(Day.AddDays(5))
            .With("customerid", new LookupValue(customer, customerTable))
            .With("submitdate", new DateTimeValue(Day))
            .With("statecode", new OptionValue(state, state)).Build();

    private static CrmRecord Line(string id, string order, string product) =>
        new RecordBuilder(Org, "salesorderdetail", id).ModifiedOn(Day)
            .With("salesorderid", new LookupValue(order, "salesorder")).With("productid", new LookupValue(product, "product"))
            .With("quantity", 1).With("extendedamount", new MoneyValue(10m, "USD", 10m)).Build();
}

public sealed class RecommendationTextTests
{
    private static readonly Dictionary<string, string> Names = new() { ["p1"] = "Blue widget", ["p2"] = "Red widget", ["p3"] = "Green widget" };

    [Fact]
    public void Render_Ids_BecomeNamesInRankOrderWithReasons()
    {
        Scoring.Recommendations.Recommendation[] list =
        [
            new("a", 2, "p2", 1.0, "popular with customers"),
            new("a", 1, "p1", 2.0, "because you bought p3"),
            new("a", 3, "p9", 0.5, "because you bought p8"),
        ];

        var text = RecommendJob.Render(list, Names, 2000);

        text.ShouldBe("1. Blue widget — because you bought Green widget\n2. Red widget — popular with customers\n3. p9 — because you bought p8");
    }

    [Fact]
    public void Render_LongerThanTheField_KeepsWholeLinesWithinTheLimit()
    {
        var list = Enumerable.Range(1, 10).Select(i => new Scoring.Recommendations.Recommendation("a", i, "p1", 1, "popular with customers")).ToList();

        var text = RecommendJob.Render(list, Names, 100);

        text.Length.ShouldBeLessThanOrEqualTo(100);
        text.Split('\n').ShouldAllBe(line => line.EndsWith("popular with customers", StringComparison.Ordinal));
        text.Split('\n').Length.ShouldBe(2);
    }
}
