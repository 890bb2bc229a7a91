using System.Globalization;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Benchmarks;

/// <summary>Lead-like records with a noisy logistic outcome, for training and scoring benchmarks.</summary>
internal static class LeadData
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<CrmRecord> Create(int count, bool closed, int seed)
    {
        var org = OrgId.Parse("11111111-1111-1111-1111-111111111111");
        var random = new Random(seed);
        var records = new List<CrmRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var source = random.Next(8);
            var industry = random.Next(20);
            var employees = random.Next(1, 10_000);
            var revenue = Math.Round(random.NextDouble() * 5_000_000, 2);
            var visits = random.Next(0, 30);
            var logit = -2 + (source % 3) * 0.6 + (industry < 5 ? 0.8 : 0) + Math.Log(employees) * 0.15 + visits * 0.07 + random.NextDouble() * 2 - 1;
            var state = !closed ? "0" : random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? "1" : "2";
            records.Add(CrmRecord.Create(org, "lead", $"L{i:D7}", AsOf.AddDays(-random.Next(1, 700)),
            [
                new("leadsourcecode", new OptionValue(source.ToString(CultureInfo.InvariantCulture), $"Source {source}")),
                new("industrycode", new OptionValue(industry.ToString(CultureInfo.InvariantCulture), $"Industry {industry}")),
                new("numberofemployees", new NumberValue(employees)),
                new("revenue", new MoneyValue((decimal)revenue, "USD", (decimal)revenue)),
                new("websitevisits", new NumberValue(visits)),
                new("donotemail", new BoolValue(random.Next(10) == 0)),
                new("statecode", new OptionValue(state, state)),
                new("createdon", new DateTimeValue(AsOf.AddDays(-random.Next(1, 800)))),
            ]));
        }

        return records;
    }
}
