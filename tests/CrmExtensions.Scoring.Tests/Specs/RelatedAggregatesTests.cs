using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Scoring.Tests.Specs;

public sealed class RelatedAggregatesTests
{
    private static readonly OrgId Org = LeadRecords.Org;
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelSpec Lead = DefaultSpecs.For(CrmKind.Dataverse).Single(s => s.Name == DefaultModels.LeadConversion);

    private static string Id(int n) => new Guid(n, 0, 0, new byte[8]).ToString();

    private static CrmRecord LeadRecord(int n, string state, DateTimeOffset modified) =>
        CrmRecord.Create(Org, "lead", Id(n), modified, [new("statecode", new OptionValue(state, null))]);

    private static CrmRecord Activity(int n, int lead, DateTimeOffset created) =>
        CrmRecord.Create(Org, "task", Id(500 + n), created,
            [new("regardingobjectid", new LookupValue(Id(lead), "lead")), new("createdon", new DateTimeValue(created))]);

    [Fact]
    public void Add_ClosedLead_CountsOnlyActivitiesUpToItsDecision()
    {
        var closedOn = Now.AddDays(-100);
        var leads = new[] { LeadRecord(1, "1", closedOn), LeadRecord(2, "0", Now.AddDays(-1)) };
        var activities = new[]
        {
            Activity(1, 1, closedOn.AddDays(-10)), Activity(2, 1, closedOn.AddDays(-50)), Activity(3, 1, closedOn.AddDays(5)),
            Activity(4, 2, Now.AddDays(-3)), Activity(5, 2, Now.AddDays(-60)),
        };

        var rows = RelatedAggregates.Add(Lead, leads, activities, Now);

        ((NumberValue)rows[0]["task_30d_count"]!).Value.ShouldBe(1);
        ((NumberValue)rows[0]["task_90d_count"]!).Value.ShouldBe(2); // the one after qualification is not counted
        ((NumberValue)rows[0]["days_since_last_task"]!).Value.ShouldBe(10);
        ((NumberValue)rows[1]["task_90d_count"]!).Value.ShouldBe(2); // open: as of now
        ((NumberValue)rows[1]["days_since_last_task"]!).Value.ShouldBe(3);
        RelatedAggregates.Add(Lead, rows, activities, Now)[0].Values.Count.ShouldBe(rows[0].Values.Count);
    }
}
