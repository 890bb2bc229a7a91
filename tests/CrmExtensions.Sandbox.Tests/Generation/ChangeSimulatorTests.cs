using CrmExtensions.Sandbox.Dataverse;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Generation;

namespace CrmExtensions.Sandbox.Tests.Generation;

public sealed class ChangeSimulatorTests
{
    private static readonly DateTime AsOf = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Apply_ClosesLeadsByTheGeneratingProcess()
    {
        var d = DataGenerator.Generate(3000, 5, AsOf);
        var org = new OrgStore(new OrgIdentity("org1", "t", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()), DataverseSchema.Build(), TimeProvider.System);
        DatasetLoader.Load(org, d, 7);
        var leads = org.ByLogicalName("lead")!;
        var t = leads.Table;
        int Col(string name) => t.ByLogicalName(name)!.Index;
        var openBefore = leads.Rows.Where(r => r.Get(Col("statecode")) is 0).Select(r => r.Id).ToHashSet();

        new ChangeSimulator(org, 1, d.Truth.Outcomes).Apply(4000, publish: true);

        var activities = new[] { "task", "phonecall", "email" }.SelectMany(a => org.ByLogicalName(a)!.Rows.Select(r => r.Get(org.ByLogicalName(a)!.Table.ByLogicalName("regardingobjectid")!.Index) as EntityRef))
            .Where(r => r is not null).GroupBy(r => r!.Id).ToDictionary(g => g.Key, g => g.Count());
        var closed = leads.Rows.Where(r => openBefore.Contains(r.Id) && r.Get(Col("statecode")) is 1 or 2).ToList();
        var scored = closed.Select(r => (d.Truth.Outcomes.LeadLogit(r.Get(Col("leadsourcecode")) as int?, r.Get(Col("industrycode")) as int?,
            r.Get(Col("numberofemployees")) as int?, activities.GetValueOrDefault(r.Id), ((EntityRef)r.Get(Col("ownerid"))!).Id), r.Get(Col("statecode")) is 1)).ToList();

        closed.Count.ShouldBeGreaterThan(200);
        Auc.Compute(scored).ShouldBeGreaterThan(0.7);
        var state = Col("statecode");
        var opportunity = Col("qualifyingopportunityid");
        closed.Where(r => r.Get(state) is 1).Count(r => r.Get(opportunity) == null).ShouldBe(0);
    }
}
