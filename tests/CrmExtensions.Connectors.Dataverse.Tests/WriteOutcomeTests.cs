using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>The write-back skip taxonomy and value shapes beyond the contract suite.</summary>
public sealed class WriteOutcomeTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Write_ResolvedCase_IsSkippedClosedAndOthersAreWritten()
    {
        using var truth = new CrmTruth(fixture.Sandbox);
        var options = CrmTruth.Options(fixture.Sandbox);
        options.Tables.Add("incident");
        using var connector = DataverseConnector.Create(options);
        var resolved = (await truth.IdsAsync("incidents", "incidentid", "statecode eq 1", 1)).Single();
        var active = (await truth.IdsAsync("incidents", "incidentid", "statecode eq 0", 1)).Single();

        var outcomes = await connector.Writer.WriteAsync("incident",
        [
            new RecordUpdate("incident", resolved, new Dictionary<string, FieldValue?> { ["title"] = new TextValue("A secret title") }),
            new RecordUpdate("incident", active, new Dictionary<string, FieldValue?> { ["title"] = new TextValue("A new title") }),
        ]);

        var closed = outcomes.Single(o => o.RecordId == resolved);
        closed.Status.ShouldBe(WriteStatus.SkippedClosed);
        closed.Reason.ShouldNotBeNull().ShouldNotContain("A secret title");
        outcomes.Single(o => o.RecordId == active).Status.ShouldBe(WriteStatus.Written);
    }

    [Fact]
    public async Task Write_LookupOptionAndNull_AreSentInTheirWireShapes()
    {
        using var truth = new CrmTruth(fixture.Sandbox);
        using var connector = DataverseConnector.Create(CrmTruth.Options(fixture.Sandbox));
        var lead = (await truth.LeadsAsync()).Keys.Order(StringComparer.Ordinal).Skip(100).First();
        var account = (await truth.IdsAsync("accounts", "accountid", "statecode eq 0", 1)).Single();

        var outcome = (await connector.Writer.WriteAsync("lead",
        [
            new RecordUpdate("lead", lead, new Dictionary<string, FieldValue?>
            {
                ["parentaccountid"] = new LookupValue(account, "account"),
                ["leadqualitycode"] = new OptionValue("1", "Hot"),
                ["companyname"] = null,
            }),
        ])).Single();

        outcome.Status.ShouldBe(WriteStatus.Written, outcome.Reason);
        var row = await truth.LeadAsync(lead);
        row.GetProperty("_parentaccountid_value").GetString().ShouldBe(account);
        row.GetProperty("leadqualitycode").GetInt32().ShouldBe(1);
        row.GetProperty("companyname").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}
