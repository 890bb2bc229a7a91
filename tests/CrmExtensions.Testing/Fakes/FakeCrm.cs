using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Testing.Fakes;

/// <summary>
/// A hand-written in-memory CRM with one entity, a change log and a page size: enough to test the sync loop and the
/// contract suite itself. Connector tests run against the sandbox instead.
/// </summary>
public sealed class FakeCrm
{
    private readonly Dictionary<string, (CrmRecord Record, long Sequence)> _records = new(StringComparer.Ordinal);
    private readonly List<(string Id, long Sequence)> _deletions = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _sequence;
    private int _nextId;

    public FakeCrm(OrgId org, string entity, int records, int pageSize)
    {
        Org = org;
        Entity = entity;
        PageSize = pageSize;
        for (var i = 0; i < records; i++)
        {
            Create();
        }
    }

    public OrgId Org { get; }

    public string Entity { get; }

    public int PageSize { get; }

    /// <summary>Pages read so far.</summary>
    public long ReadCalls { get; internal set; }

    /// <summary>Write requests received so far.</summary>
    public long WriteCalls { get; internal set; }

    /// <summary>When set, a read throws <see cref="IOException"/> after serving this many pages (a dropped connection).</summary>
    public int? FailAfterPages { get; set; }

    /// <summary>When set, every saved cursor is refused as expired and reads start again from the beginning.</summary>
    public bool ExpireCursors { get; set; }

    public IReadOnlyDictionary<string, DateTimeOffset> Snapshot() =>
        _records.ToDictionary(r => r.Key, r => r.Value.Record.ModifiedOn, StringComparer.Ordinal);

    public CrmRecord? Get(string id) => _records.TryGetValue(id, out var entry) ? entry.Record : null;

    public string Create()
    {
        var id = $"{Entity}-{_nextId++:D6}";
        Put(id, new Dictionary<string, FieldValue?> { ["name"] = new TextValue($"Name {id}"), ["revenue"] = new NumberValue(_nextId * 100) });
        return id;
    }

    public void Update(string id, string field, FieldValue? value)
    {
        var values = new Dictionary<string, FieldValue?>(_records[id].Record.Values, StringComparer.OrdinalIgnoreCase) { [field] = value };
        Put(id, values);
    }

    public void Delete(string id)
    {
        _records.Remove(id);
        _deletions.Add((id, ++_sequence));
        _now = _now.AddSeconds(1);
    }

    /// <summary>Changes after <paramref name="afterSequence"/> in order: live records and deletions.</summary>
    internal IEnumerable<(long Sequence, CrmRecord Record)> ChangesAfter(long afterSequence) =>
        _records.Values.Where(r => r.Sequence > afterSequence).Select(r => (r.Sequence, r.Record))
            .Concat(_deletions.Where(d => d.Sequence > afterSequence).Select(d => (d.Sequence, CrmRecord.Tombstone(Org, Entity, d.Id, _now))))
            .OrderBy(c => c.Item1);

    internal long Sequence => _sequence;

    private void Put(string id, Dictionary<string, FieldValue?> values)
    {
        _now = _now.AddSeconds(1);
        _records[id] = (CrmRecord.Create(Org, Entity, id, _now, values), ++_sequence);
    }
}
