using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Testing.Contracts;

/// <summary>
/// The behaviour every connector must show against its CRM (the sandbox, for the real connectors). A connector's
/// test class subclasses this and supplies the connector and a way to change the CRM behind it, as a user would.
/// </summary>
public abstract class ConnectorContractTests
{
    /// <summary>The entity the suite reads and writes (e.g. <c>lead</c> or <c>Lead</c>).</summary>
    protected abstract string Entity { get; }

    /// <summary>The connector's source, connected to a CRM holding at least 2 pages of <see cref="Entity"/>.</summary>
    protected abstract Task<ICrmSource> SourceAsync();

    /// <summary>The connector's writer for the same CRM.</summary>
    protected abstract Task<ICrmWriter> WriterAsync();

    /// <summary>What the CRM holds now: id → modified-on, straight from the CRM, not through the connector.</summary>
    protected abstract Task<IReadOnlyDictionary<string, DateTimeOffset>> CrmRecordsAsync();

    /// <summary>Makes user changes in the CRM; returns the ids created, updated and deleted.</summary>
    protected abstract Task<CrmChanges> ChangeCrmAsync(int creates, int updates, int deletes);

    /// <summary>Reads one field of one record straight from the CRM.</summary>
    protected abstract Task<FieldValue?> CrmValueAsync(string id, string field);

    /// <summary>Write calls the CRM has received so far.</summary>
    protected abstract Task<long> WriteCallsAsync();

    /// <summary>An output field the writer may set on <see cref="Entity"/> (e.g. <c>crmx_score</c>) and a value for it.</summary>
    protected abstract (string Field, FieldValue Value) OutputToWrite();

    [Fact]
    public async Task Check_ValidConnection_FindsOrg()
    {
        var source = await SourceAsync();

        var result = await source.CheckAsync();

        result.Problems.ShouldBeEmpty();
        result.Org.ShouldNotBeNull();
    }

    [Fact]
    public async Task Discover_ListsEntityWithTypedFields()
    {
        var source = await SourceAsync();

        var schema = await source.DiscoverAsync();

        var entity = schema.SingleOrDefault(e => string.Equals(e.Name, Entity, StringComparison.OrdinalIgnoreCase));
        entity.ShouldNotBeNull();
        entity.Fields.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Read_Full_EqualsCrm()
    {
        var source = await SourceAsync();

        var (records, batches, _) = await ReadAllAsync(source, null);

        batches.ShouldBeGreaterThan(1, "the CRM must hold more than one page");
        records.Where(r => !r.Value.Deleted).ToDictionary(r => r.Key, r => r.Value.ModifiedOn)
            .ShouldBe(await CrmRecordsAsync(), ignoreOrder: true);
    }

    [Fact]
    public async Task Read_FromCursorWithoutChanges_ReturnsNoRecords()
    {
        var source = await SourceAsync();
        var (_, _, cursor) = await ReadAllAsync(source, null);

        var (records, _, _) = await ReadAllAsync(source, cursor);

        records.ShouldBeEmpty();
    }

    [Fact]
    public async Task Read_FromCursorAfterChanges_ReturnsExactlyTheChangesWithDeletes()
    {
        var source = await SourceAsync();
        var (_, _, cursor) = await ReadAllAsync(source, null);
        var changes = await ChangeCrmAsync(creates: 3, updates: 4, deletes: 2);

        var (records, _, _) = await ReadAllAsync(source, cursor);

        records.Where(r => r.Value.Deleted).Select(r => r.Key).ShouldBe(changes.Deleted, ignoreOrder: true);
        records.Where(r => !r.Value.Deleted).Select(r => r.Key)
            .ShouldBe(changes.Created.Concat(changes.Updated), ignoreOrder: true);
    }

    [Fact]
    public async Task Write_Update_AppearsInCrm()
    {
        var writer = await WriterAsync();
        var id = (await CrmRecordsAsync()).Keys.Order(StringComparer.Ordinal).First();
        var (field, value) = OutputToWrite();

        var outcomes = await writer.WriteAsync(Entity, [new RecordUpdate(Entity, id, new Dictionary<string, FieldValue?> { [field] = value })]);

        outcomes.Single().Status.ShouldBe(WriteStatus.Written);
        (await CrmValueAsync(id, field)).ShouldBe(value);
    }

    [Fact]
    public async Task Write_NothingToWrite_MakesNoCalls()
    {
        var writer = await WriterAsync();
        var before = await WriteCallsAsync();

        var outcomes = await writer.WriteAsync(Entity, []);

        outcomes.ShouldBeEmpty();
        (await WriteCallsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Write_DeletedRecord_FailsOnlyThatRecord()
    {
        var writer = await WriterAsync();
        var ids = (await CrmRecordsAsync()).Keys.Order(StringComparer.Ordinal).Take(2).ToList();
        var changes = await ChangeCrmAsync(creates: 0, updates: 0, deletes: 1);
        var alive = ids.First(id => !changes.Deleted.Contains(id));
        var (field, value) = OutputToWrite();

        var outcomes = await writer.WriteAsync(Entity,
        [
            new RecordUpdate(Entity, changes.Deleted[0], new Dictionary<string, FieldValue?> { [field] = value }),
            new RecordUpdate(Entity, alive, new Dictionary<string, FieldValue?> { [field] = value }),
        ]);

        outcomes.Single(o => o.RecordId == changes.Deleted[0]).Status.ShouldBe(WriteStatus.SkippedRecordGone);
        outcomes.Single(o => o.RecordId == alive).Status.ShouldBe(WriteStatus.Written);
    }

    private async Task<(Dictionary<string, CrmRecord> Records, int Batches, string? Cursor)> ReadAllAsync(ICrmSource source, string? cursor)
    {
        var records = new Dictionary<string, CrmRecord>(StringComparer.Ordinal);
        var batches = 0;
        var last = cursor;
        await foreach (var batch in source.ReadAsync(Entity, cursor))
        {
            batches++;
            last = batch.Cursor;
            foreach (var record in batch.Records)
            {
                records.TryAdd(record.Id, record).ShouldBeTrue($"record {record.Id} was delivered twice in one read");
            }
        }

        return (records, batches, last);
    }
}
