using System.Runtime.CompilerServices;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Testing.Builders;
using CrmExtensions.Testing.Contracts;
using CrmExtensions.Testing.Fakes;

namespace CrmExtensions.Connectors.Common.Tests;

/// <summary>The contract suite must catch a connector that loses deletes: run its test against one that does.</summary>
public sealed class ContractSuiteCanFailTests
{
    [Fact]
    public async Task ReadAfterChanges_ConnectorDroppingTombstones_Fails()
    {
        var suite = new DroppingTombstonesSuite();

        // Shouldly passes its own assertion failures through Should.Throw, so catch it by hand.
        ShouldAssertException? failure = null;
        try
        {
            await suite.Read_FromCursorAfterChanges_ReturnsExactlyTheChangesWithDeletes();
        }
        catch (ShouldAssertException error)
        {
            failure = error;
        }

        failure.ShouldNotBeNull().Message.ShouldContain("Deleted");
    }

    private sealed class DroppingTombstonesSuite : ConnectorContractTests
    {
        private readonly FakeCrm _crm = new(TestOrgs.Production, "lead", records: 25, pageSize: 10);

        protected override string Entity => "lead";

        protected override Task<ICrmSource> SourceAsync() => Task.FromResult<ICrmSource>(new DroppingSource(new FakeCrmSource(_crm)));

        protected override Task<ICrmWriter> WriterAsync() => Task.FromResult<ICrmWriter>(new FakeCrmWriter(_crm));

        protected override Task<IReadOnlyDictionary<string, DateTimeOffset>> CrmRecordsAsync() => Task.FromResult(_crm.Snapshot());

        protected override Task<CrmChanges> ChangeCrmAsync(int creates, int updates, int deletes)
        {
            var deleted = _crm.Snapshot().Keys.Order(StringComparer.Ordinal).Take(deletes).ToList();
            deleted.ForEach(_crm.Delete);
            return Task.FromResult(new CrmChanges([], [], deleted));
        }

        protected override Task<FieldValue?> CrmValueAsync(string id, string field) => Task.FromResult(_crm.Get(id)?[field]);

        protected override Task<long> WriteCallsAsync() => Task.FromResult(_crm.WriteCalls);

        protected override (string Field, FieldValue Value) OutputToWrite() => ("crmx_score", new NumberValue(1));
    }

    private sealed class DroppingSource(ICrmSource inner) : ICrmSource
    {
        public Task<CheckResult> CheckAsync(CancellationToken cancellationToken = default) => inner.CheckAsync(cancellationToken);

        public Task<IReadOnlyList<EntitySchema>> DiscoverAsync(CancellationToken cancellationToken = default) => inner.DiscoverAsync(cancellationToken);

        public async IAsyncEnumerable<RecordBatch> ReadAsync(string entity, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var batch in inner.ReadAsync(entity, cursor, cancellationToken))
            {
                yield return batch with { Records = [.. batch.Records.Where(r => !r.Deleted)] };
            }
        }
    }
}
