using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Tests.Specs;

/// <summary>Synthetic Dataverse-like leads whose qualification depends on source, budget and employees.</summary>
internal static class LeadRecords
{
    public static readonly OrgId Org = OrgId.Parse("00000000-0000-0000-0000-0000000000AA");
    private static readonly string[] Sources = ["1", "2", "3", "8"];

    /// <param name="openShare">Fraction of leads left open (statecode 0).</param>
    /// <param name="signal">0 makes the outcome pure noise.</param>
    public static List<CrmRecord> Create(int count, int seed, double signal = 1, double openShare = 0.1, double budgetShift = 0)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var records = new List<CrmRecord>();
        for (var i = 0; i < count; i++)
        {
            var source = Sources[random.Next(Sources.Length)];
            var budget = Math.Round((random.NextDouble() * 100_000) + budgetShift, 2);
            var employees = random.Next(1, 500);
            var logit = signal * ((source == "8" ? 1.5 : source == "3" ? -1 : 0) + (budget / 50_000) - 1 + (employees > 250 ? 0.5 : -0.5));
            var qualified = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            var open = random.NextDouble() < openShare;
            var state = open ? "0" : qualified ? "1" : "2";
            var values = new Dictionary<string, FieldValue?>
            {
                ["leadid"] = new TextValue(Guid.NewGuid().ToString()),
                ["leadsourcecode"] = new OptionValue(source, "Source " + source),
                ["budgetamount"] = new MoneyValue((decimal)budget * 1.1m, "EUR", (decimal)budget),
                ["numberofemployees"] = random.NextDouble() < 0.1 ? null : new NumberValue(employees),
                ["createdon"] = new DateTimeValue(start.AddHours(i * 3)),
                ["gendercode"] = new OptionValue(random.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture), null),
                ["crmx_score"] = new NumberValue(qualified ? 90 : 10),
                ["statuscode"] = new OptionValue(qualified ? "3" : "4", null),
                ["qualifyingopportunityid"] = qualified && !open ? new LookupValue(Guid.NewGuid().ToString(), "opportunity") : null,
                ["salarysecret"] = new TextValue(employees > 250 ? "high" : "low"),
                ["statecode"] = new OptionValue(state, null),
            };
            records.Add(CrmRecord.Create(Org, "lead", new Guid(i + 1, 0, 0, new byte[8]).ToString(), start.AddHours(i * 3), values));
        }

        return records;
    }
}
