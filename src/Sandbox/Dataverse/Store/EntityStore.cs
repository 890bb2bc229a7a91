using CrmExtensions.Sandbox.Dataverse.Metadata;

namespace CrmExtensions.Sandbox.Dataverse.Store;

/// <summary>The rows of one table in one org, with a primary-key order cache and alternate-key indexes.</summary>
internal sealed class EntityStore(TableDef table)
{
    private readonly Dictionary<Guid, Row> _rows = [];
    private readonly Dictionary<Guid, Tombstone> _tombstones = [];
    private readonly Dictionary<string, Guid>[] _keyIndexes = table.AlternateKeys.Select(_ => new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase)).ToArray();
    private readonly Dictionary<string, Row[]> _sorted = new(StringComparer.Ordinal);
    private Row[]? _byPrimaryKey;

    public TableDef Table { get; } = table;

    public int Count => _rows.Count;

    public IEnumerable<Row> Rows => _rows.Values;

    public IEnumerable<Tombstone> Tombstones => _tombstones.Values;

    public Row? Find(Guid id) => _rows.GetValueOrDefault(id);

    /// <summary>Rows in primary-key order (the default order, dataverse.md §1 "Ordering &amp; paging").</summary>
    public Row[] OrderedByPrimaryKey()
    {
        if (_byPrimaryKey is null)
        {
            var array = _rows.Values.ToArray();
            Array.Sort(array, static (a, b) => a.Id.CompareTo(b.Id));
            _byPrimaryKey = array;
        }

        return _byPrimaryKey;
    }

    /// <summary>All rows in a given order, cached until the next write so later pages cost O(page), not a sort.</summary>
    public Row[] Sorted(string signature, Comparison<Row> comparison)
    {
        if (!_sorted.TryGetValue(signature, out var rows))
        {
            rows = _rows.Values.ToArray();
            Array.Sort(rows, comparison);
            _sorted[signature] = rows;
        }

        return rows;
    }

    public void Add(Row row)
    {
        _sorted.Clear();
        _rows.Add(row.Id, row);
        _tombstones.Remove(row.Id);
        _byPrimaryKey = null;
        IndexKeys(row, add: true);
    }

    public void Remove(Row row, Tombstone? tombstone)
    {
        _sorted.Clear();
        _rows.Remove(row.Id);
        if (tombstone is not null)
        {
            _tombstones[row.Id] = tombstone;
        }

        _byPrimaryKey = null;
        IndexKeys(row, add: false);
    }

    public void ForgetTombstone(Guid id) => _tombstones.Remove(id);

    public void RestoreTombstone(Tombstone tombstone) => _tombstones[tombstone.Id] = tombstone;

    public Tombstone? FindTombstone(Guid id) => _tombstones.GetValueOrDefault(id);

    public void Reindex(Row row, object?[] oldValues)
    {
        _sorted.Clear();
        var old = new Row(row.Id, row.Version, oldValues);
        IndexKeys(old, add: false);
        IndexKeys(row, add: true);
    }

    /// <summary>Finds a record by an alternate key given as column → value (dataverse.md §3 alternate keys).</summary>
    public Row? FindByKey(IReadOnlyDictionary<string, object?> keyValues)
    {
        for (var k = 0; k < Table.AlternateKeys.Count; k++)
        {
            var key = Table.AlternateKeys[k];
            if (key.Count == keyValues.Count && key.All(keyValues.ContainsKey))
            {
                var composite = Composite(key.Select(c => keyValues[c]));
                return _keyIndexes[k].TryGetValue(composite, out var id) ? Find(id) : null;
            }
        }

        return null;
    }

    private void IndexKeys(Row row, bool add)
    {
        for (var k = 0; k < Table.AlternateKeys.Count; k++)
        {
            var values = Table.AlternateKeys[k].Select(c => row.Get(Table.ByLogicalName(c)!.Index)).ToList();
            if (values.Any(v => v is null))
            {
                continue;
            }

            var composite = Composite(values);
            if (add)
            {
                _keyIndexes[k][composite] = row.Id;
            }
            else if (_keyIndexes[k].TryGetValue(composite, out var id) && id == row.Id)
            {
                _keyIndexes[k].Remove(composite);
            }
        }
    }

    private static string Composite(IEnumerable<object?> values) =>
        string.Join('\u001f', values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
}
