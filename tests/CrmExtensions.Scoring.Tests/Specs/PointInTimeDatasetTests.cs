using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Scoring.Tests.Specs;

public sealed class PointInTimeDatasetTests
{
    private static readonly OrgId Org = LeadRecords.Org;
    private static readonly DateTimeOffset T = new(2025, 6, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelSpec Churn = DefaultSpecs.For(CrmKind.Dataverse).Single(s => s.Name == DefaultModels.AccountChurn);
    private static readonly ModelSpec Value = DefaultSpecs.For(CrmKind.Dataverse).Single(s => s.Name == DefaultModels.CustomerValue);

    private static CrmRecord Account(int n, DateTimeOffset created) =>
        CrmRecord.Create(Org, "account", Id(n), created, [new("createdon", new DateTimeValue(created)), new("industrycode", new OptionValue("1", null))]);

    private static CrmRecord Order(int n, int account, DateTimeOffset date, decimal baseAmount) =>
        CrmRecord.Create(Org, "salesorder", Id(1000 + n), date,
        [
            new("customerid", new LookupValue(Id(account), "account")),
            new("submitdate", new DateTimeValue(date)),
            new("totalamount", new MoneyValue(baseAmount * 2, "USD", baseAmount)),
        ]);

    private static string Id(int n) => new Guid(n, 0, 0, new byte[8]).ToString();

    private static double Number(CrmRecord record, string field) => ((NumberValue)record[field]!).Value;

    [Fact]
    public void Build_EventsAfterCutoff_NeverReachFeaturesButSetTheLabel()
    {
        var accounts = new[] { Account(1, T.AddYears(-2)), Account(2, T.AddYears(-2)), Account(3, T.AddDays(10)), Account(4, T.AddYears(-2)) };
        var orders = new[]
        {
            Order(1, 1, T.AddDays(-30), 100), Order(2, 1, T.AddDays(-200), 50), Order(3, 1, T.AddDays(20), 999),
            Order(4, 2, T.AddDays(-10), 70), Order(5, 2, T.AddDays(400), 5),
            Order(6, 3, T.AddDays(15), 10),
        };

        var (records, labels) = PointInTimeDataset.Build(Churn, accounts, orders, T);

        records.Select(r => r.Id).ShouldBe([Id(1), Id(2), Id(4)]); // account 3 did not exist at T
        Number(records[0], "salesorder_90d_count").ShouldBe(1);
        Number(records[0], "salesorder_365d_count").ShouldBe(2);
        Number(records[0], "salesorder_365d_spend").ShouldBe(150); // base amounts, the 999 after T excluded
        Number(records[0], "days_since_last_salesorder").ShouldBe(30);
        labels[0].ShouldBe(0); // ordered within (T, T+180]: not churned
        labels[1].ShouldBe(1); // next order only after the horizon: churned
        labels[2].ShouldBe(double.NaN); // never a customer before T: not labelled
        records[2]["days_since_last_salesorder"].ShouldBeNull();
    }

    [Fact]
    public void Build_CustomerValue_SumsBaseAmountsInHorizonOnly()
    {
        var accounts = new[] { Account(1, T.AddYears(-1)) };
        var orders = new[] { Order(1, 1, T.AddDays(-5), 10), Order(2, 1, T.AddDays(5), 20), Order(3, 1, T.AddDays(300), 30), Order(4, 1, T.AddDays(400), 40) };

        var (_, labels) = PointInTimeDataset.Build(Value, accounts, orders, T);

        labels.ShouldBe([50.0]);
    }

    [Fact]
    public void Features_LaterCutoff_IncludesEventsUpToIt()
    {
        var accounts = new[] { Account(1, T.AddYears(-1)) };
        var orders = new[] { Order(1, 1, T.AddDays(-5), 10), Order(2, 1, T.AddDays(5), 20) };

        var now = PointInTimeDataset.Features(Churn, accounts, orders, T.AddDays(10));

        Number(now[0], "salesorder_90d_spend").ShouldBe(30);
        PointInTimeDataset.AggregateFields(Churn).ShouldContain("salesorder_365d_spend");
    }

    [Fact]
    public void Train_ChurnSpecOnPointInTimeRows_LearnsFromRecentActivity()
    {
        var random = new Random(41);
        var accounts = new List<CrmRecord>();
        var orders = new List<CrmRecord>();
        for (var a = 1; a <= 400; a++)
        {
            accounts.Add(Account(a, T.AddYears(-3).AddDays(a)));
            var loyal = a % 2 == 0;
            // Loyal accounts order monthly before and after T; others stopped a while before T and rarely come back.
            for (var d = -360; d <= 180; d += 30)
            {
                var active = d <= 0 ? (loyal || d < -150) : loyal ? random.NextDouble() < 0.9 : random.NextDouble() < 0.05;
                if (active)
                {
                    orders.Add(Order(orders.Count + 1, a, T.AddDays(d - random.Next(0, 10)), 100));
                }
            }
        }

        var (records, labels) = PointInTimeDataset.Build(Churn, accounts, orders, T);
        var options = SpecTrainerTests.Quick with { SecuredFields = null };
        var result = SpecTrainer.Train(Churn with { MinimumPerClass = 20 }, records, labels, options);

        result.Status.ShouldBe(TrainingStatus.Trained);
        result.Metrics!.Values["auc"].ShouldBeGreaterThan(0.8);
        result.Selection.Included.Select(f => f.Key).ShouldContain("days_since_last_salesorder");
    }
}
