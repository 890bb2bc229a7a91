using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Testing.Contracts;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>The shared connector contract, against the Salesforce sandbox over real HTTP (500 leads, pages of 200).</summary>
public sealed class SalesforceContractTests(SandboxFixture fixture) : SalesforceContract(fixture), IClassFixture<SandboxFixture>;

/// <summary>The contract again with JWT bearer and the sandbox's UNVERIFIED variants (see <see cref="VariantSandboxFixture"/>).</summary>
public sealed class SalesforceVariantContractTests(VariantSandboxFixture fixture) : SalesforceContract(fixture), IClassFixture<VariantSandboxFixture>;

/// <summary>The contract again with the api-bursts limit header.</summary>
public sealed class SalesforceBurstsContractTests(BurstsSandboxFixture fixture) : SalesforceContract(fixture), IClassFixture<BurstsSandboxFixture>;

/// <summary>The contract's CRM side for the Salesforce sandbox.</summary>
public abstract class SalesforceContract(SandboxFixture fixture) : ConnectorContractTests, IDisposable
{
    private readonly SalesforceConnector _connector = SalesforceConnector.Create(fixture.Options());
    private readonly SfTruth _truth = new(fixture.Sandbox);
    private static int _changes;

    protected override string Entity => "Lead";

    protected override Task<ICrmSource> SourceAsync() => Task.FromResult(_connector.Source);

    protected override Task<ICrmWriter> WriterAsync() => Task.FromResult(_connector.Writer);

    protected override Task<IReadOnlyDictionary<string, DateTimeOffset>> CrmRecordsAsync() => _truth.RecordsAsync();

    protected override async Task<CrmChanges> ChangeCrmAsync(int creates, int updates, int deletes)
    {
        // Converted leads refuse updates (CANNOT_UPDATE_CONVERTED_LEAD), so users change open ones.
        var existing = (await _truth.QueryAsync("SELECT Id FROM Lead WHERE IsConverted = false")).EnumerateArray()
            .Select(r => r.GetProperty("Id").GetString()!).Order(StringComparer.Ordinal).ToList();
        var round = Interlocked.Increment(ref _changes);
        var created = new List<string>();
        for (var i = 0; i < creates; i++)
        {
            created.Add(await _truth.CreateLeadAsync($"Created{round}x{i}"));
        }

        // Updates from the start of the id order (after the ids the write tests use), deletes from the end.
        var updated = existing.Skip(2 + (round * 10)).Take(updates).ToList();
        foreach (var id in updated)
        {
            await _truth.PatchAsync("Lead", id, new { Company = $"Updated in round {round}" });
        }

        var deleted = existing.AsEnumerable().Reverse().Skip(round * 5).Take(deletes).ToList();
        foreach (var id in deleted)
        {
            await _truth.DeleteLeadAsync(id);
        }

        return new CrmChanges(created, updated, deleted);
    }

    protected override async Task<FieldValue?> CrmValueAsync(string id, string field) => SfTruth.Value(await _truth.RecordAsync("Lead", id), field);

    protected override Task<long> WriteCallsAsync() => _truth.CallsAsync("SF PATCH composite/sobjects");

    protected override (string Field, FieldValue Value) OutputToWrite() => ("CRMX_Score__c", new NumberValue(87));

    public void Dispose()
    {
        _connector.Dispose();
        _truth.Dispose();
        GC.SuppressFinalize(this);
    }
}
