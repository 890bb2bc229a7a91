using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>
/// Write-back above <see cref="SalesforceOptions.BulkWriteThreshold"/> as one Bulk API 2.0 update job (salesforce.md §4a):
/// per-record outcomes from the successful/failed result sets by <c>sf__Id</c>, <c>#N/A</c> clearing, parents ordered.
/// </summary>
public sealed class BulkWriteTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SfTruth _truth = new(fixture.Sandbox);

    [Theory]
    [InlineData(150, 200, 1, 0)]
    [InlineData(200, 200, 1, 0)]
    [InlineData(201, 200, 0, 1)]
    [InlineData(450, 1000, 3, 0)]
    [InlineData(450, 300, 0, 1)]
    [InlineData(450, 0, 3, 0)]
    public async Task Write_NUpdates_UsesCeilingOfNOver200CollectionCallsBelowThresholdAndOneJobAbove(int count, int threshold, int collections, int jobs)
    {
        using var connector = SalesforceConnector.Create(Options(threshold));
        var ids = await IdsAsync("SELECT Id FROM Lead", count);
        ids.Count.ShouldBe(count);
        var (collectionsBefore, jobsBefore) = (await _truth.CallsAsync("SF PATCH composite/sobjects"), await _truth.CallsAsync("SF POST jobs/ingest"));

        var outcomes = await connector.Writer.WriteAsync("Lead", [.. ids.Select((id, i) => Update(id, ("CRMX_Score__c", new NumberValue((i % 97) + threshold))))]);

        outcomes.Select(o => o.RecordId).ShouldBe(ids, ignoreOrder: true);
        outcomes.ShouldAllBe(o => o.Status == WriteStatus.Written || o.Status == WriteStatus.SkippedClosed);
        outcomes.ShouldContain(o => o.Status == WriteStatus.Written);
        (await _truth.CallsAsync("SF PATCH composite/sobjects") - collectionsBefore).ShouldBe(collections);
        (await _truth.CallsAsync("SF POST jobs/ingest") - jobsBefore).ShouldBe(jobs);
        var written = ids.Select((id, i) => (id, i)).Where(p => outcomes.Single(o => o.RecordId == p.id).Status == WriteStatus.Written).Take(5);
        foreach (var (id, i) in written)
        {
            SfTruth.Value(await _truth.RecordAsync("Lead", id), "CRMX_Score__c").ShouldBe(new NumberValue((i % 97) + threshold));
        }
    }

    [Fact]
    public async Task BulkWrite_MixedRecords_MapsFailedResultsBySfIdToTheTaxonomy()
    {
        using var connector = SalesforceConnector.Create(Options(threshold: 5));
        var open = await IdsAsync("SELECT Id FROM Lead WHERE IsConverted = false AND IsDeleted = false", 8);
        var converted = await IdsAsync("SELECT Id FROM Lead WHERE IsConverted = true", 2);
        await _truth.DeleteLeadAsync(open[7]);
        const string reasons = "Opened the \"pricing\", then the demo page";
        // Reasons set before, so the Bulk #N/A clear below is observable; grade left as it is by an empty cell.
        (await connector.Writer.WriteAsync("Lead", [Update(open[0], ("CRMX_Reasons__c", new LongTextValue("old reason")), ("CRMX_Grade__c", new OptionValue("C", "C")))]))
            .Single().Status.ShouldBe(WriteStatus.Written);

        var outcomes = await connector.Writer.WriteAsync("Lead",
        [
            Update(open[0], ("CRMX_Score__c", new NumberValue(12)), ("CRMX_Reasons__c", null)),
            .. open.Skip(1).Take(6).Select((id, i) => Update(id, ("CRMX_Score__c", new NumberValue(i)), ("CRMX_Reasons__c", new LongTextValue(reasons)))),
            Update(open[7], ("CRMX_Score__c", new NumberValue(3))),
            .. converted.Select(id => Update(id, ("CRMX_Score__c", new NumberValue(4)))),
            Update("not-an-id", ("CRMX_Score__c", new NumberValue(1))),
        ]);

        outcomes.Count.ShouldBe(11);
        var byId = outcomes.ToDictionary(o => o.RecordId);
        open.Take(7).ShouldAllBe(id => byId[id].Status == WriteStatus.Written);
        byId[open[7]].Status.ShouldBe(WriteStatus.SkippedRecordGone);
        converted.ShouldAllBe(id => byId[id].Status == WriteStatus.SkippedClosed && byId[id].Reason!.StartsWith("CANNOT_UPDATE_CONVERTED_LEAD", StringComparison.Ordinal));
        byId["not-an-id"].Status.ShouldBe(WriteStatus.Failed);
        outcomes.ShouldAllBe(o => o.Reason == null || !o.Reason.Contains("pricing"));

        var cleared = await _truth.RecordAsync("Lead", open[0]);
        SfTruth.Value(cleared, "CRMX_Reasons__c").ShouldBeNull();
        SfTruth.Value(cleared, "CRMX_Score__c").ShouldBe(new NumberValue(12));
        SfTruth.Value(cleared, "CRMX_Grade__c").ShouldBe(new TextValue("C"));
        SfTruth.Value(await _truth.RecordAsync("Lead", open[3]), "CRMX_Reasons__c").ShouldBe(new TextValue(reasons));
    }

    [Fact]
    public async Task BulkWrite_Contacts_ReadsParentsOncePer300AndWritesOneJob()
    {
        var options = Options(threshold: 10);
        options.Objects.Add("Contact");
        using var capture = new UploadCapture();
        using var connector = SalesforceConnector.Create(options, capture);
        var ids = await IdsAsync("SELECT Id FROM Contact", 2000);
        ids.Count.ShouldBeGreaterThan(10);
        var (parentsBefore, jobsBefore) = (await _truth.CallsAsync("SF GET queryAll"), await _truth.CallsAsync("SF POST jobs/ingest"));

        var outcomes = await connector.Writer.WriteAsync("Contact", [.. ids.Select(id => new RecordUpdate("Contact", id,
            new Dictionary<string, FieldValue?>(StringComparer.OrdinalIgnoreCase) { ["CRMX_Segment__c"] = new TextValue("Loyal") }))]);

        outcomes.ShouldAllBe(o => o.Status == WriteStatus.Written);
        (await _truth.CallsAsync("SF GET queryAll") - parentsBefore).ShouldBe((ids.Count + 299) / 300);
        (await _truth.CallsAsync("SF POST jobs/ingest") - jobsBefore).ShouldBe(1);
        SfTruth.Value(await _truth.RecordAsync("Contact", ids[^1]), "CRMX_Segment__c").ShouldBe(new TextValue("Loyal"));

        // The uploaded rows are grouped by AccountId (lock contention), not in id order.
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in (await _truth.QueryAsync("SELECT Id, AccountId FROM Contact")).EnumerateArray())
        {
            parents[row.GetProperty("Id").GetString()!] = row.GetProperty("AccountId").GetString() ?? string.Empty;
        }

        var uploaded = capture.Uploads.ShouldHaveSingleItem().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[0].Trim('"')).ToList();
        uploaded.ShouldBe(ids, ignoreOrder: true);
        var order = uploaded.Select(id => parents[id]).ToList();
        order.ShouldBe([.. order.Order(StringComparer.Ordinal)]);
        order.Distinct().Count().ShouldBeGreaterThan(1);
        uploaded.ShouldNotBe(ids);
    }

    /// <summary>Keeps the CSV bodies of Bulk uploads (PUT …/batches).</summary>
    private sealed class UploadCapture() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<string> Uploads { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Put && request.Content is not null)
            {
                Uploads.Add(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task BulkWrite_Under503And500Faults_RetriesEveryStepAndReportsTheTrueOutcomes()
    {
        await using var sandbox = await Sandbox.SandboxServer.StartAsync(new Sandbox.SandboxOptions
        {
            Port = 0, Scale = 400, Seed = 3,
            Faults = new Sandbox.FaultSettings { Seed = 9, ServiceUnavailable = 0.2, InternalServerError = 0.15 },
        });
        using var truth = new SfTruth(sandbox);
        var options = SfTruth.Options(sandbox);
        options.BulkWriteThreshold = 50;
        options.BulkPollInterval = TimeSpan.FromMilliseconds(10);
        options.MaxRetries = 8;
        options.RetryDelay = TimeSpan.FromMilliseconds(5);
        using var connector = SalesforceConnector.Create(options);
        var ids = new List<string>();
        for (var attempt = 0; ids.Count == 0 && attempt < 20; attempt++)
        {
            try
            {
                ids = [.. (await truth.RecordsAsync()).Keys.Order(StringComparer.Ordinal)];
            }
            catch (HttpRequestException)
            {
                // the truth reader does not retry; the faults hit it too
            }
            catch (Shouldly.ShouldAssertException)
            {
            }
        }

        ids.Count.ShouldBeGreaterThan(50);

        var outcomes = await connector.Writer.WriteAsync("Lead", [.. ids.Select(id => Update(id, ("CRMX_Score__c", new NumberValue(64))))]);

        connector.Usage.Retries.ShouldBeGreaterThan(0);
        outcomes.Select(o => o.RecordId).ShouldBe(ids, ignoreOrder: true);
        outcomes.ShouldAllBe(o => o.Status == WriteStatus.Written || o.Status == WriteStatus.SkippedClosed);
        outcomes.Count(o => o.Status == WriteStatus.Written).ShouldBeGreaterThan(ids.Count / 2);
        await truth.SetFaultsAsync(new Sandbox.FaultSettings());
        foreach (var outcome in outcomes.Where(o => o.Status == WriteStatus.Written).Take(20))
        {
            SfTruth.Value(await truth.RecordAsync("Lead", outcome.RecordId), "CRMX_Score__c").ShouldBe(new NumberValue(64));
        }
    }

    [Fact]
    public async Task BulkWrite_OneJob_CostsFiveCallsAndAFewPolls()
    {
        using var connector = SalesforceConnector.Create(Options(100));
        var ids = await IdsAsync("SELECT Id FROM Lead", 250);
        await connector.Writer.WriteAsync("Lead", [.. ids.Select(id => Update(id, ("CRMX_Score__c", new NumberValue(11))))]);
        var before = connector.Usage.Calls;

        var outcomes = await connector.Writer.WriteAsync("Lead", [.. ids.Select(id => Update(id, ("CRMX_Score__c", new NumberValue(12))))]);

        outcomes.ShouldContain(o => o.Status == WriteStatus.Written);
        // create, upload, close, successful and failed results, and the polls: the sandbox processes in the background
        // as an org does, and the waits double from 10 ms, so however slow the machine only a handful of polls are made.
        (connector.Usage.Calls - before).ShouldBeInRange(6, 5 + 12);
    }

    private SalesforceOptions Options(int threshold)
    {
        var options = fixture.Options();
        options.BulkWriteThreshold = threshold;
        options.BulkPollInterval = TimeSpan.FromMilliseconds(10);
        return options;
    }

    private async Task<List<string>> IdsAsync(string soql, int count)
    {
        var ids = new List<string>();
        foreach (var row in (await _truth.QueryAsync(soql)).EnumerateArray())
        {
            ids.Add(row.GetProperty("Id").GetString()!);
        }

        return [.. ids.Order(StringComparer.Ordinal).Take(count)];
    }

    private static RecordUpdate Update(string id, params (string Field, FieldValue? Value)[] fields) =>
        new("Lead", id, fields.ToDictionary(f => f.Field, f => f.Value, StringComparer.OrdinalIgnoreCase));

    public void Dispose() => _truth.Dispose();
}
