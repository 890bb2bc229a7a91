using CrmExtensions.Sandbox.Dataverse.Metadata;

namespace CrmExtensions.Sandbox.Dataverse.Store;

/// <summary>
/// All data of one organisation. Every access happens under <see cref="Gate"/>; writes go through
/// <see cref="Create"/>, <see cref="Update"/> and <see cref="Delete"/>, which stamp row versions (the change-tracking
/// clock and ETags), audit columns and computed columns.
/// </summary>
internal sealed partial class OrgStore
{
    private readonly Dictionary<string, EntityStore> _byLogicalName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntityStore> _bySetName = new(StringComparer.Ordinal);
    private long _version = 1_000_000;

    public OrgStore(OrgIdentity identity, Dictionary<string, TableDef> schema, TimeProvider time)
    {
        Identity = identity;
        Time = time;
        foreach (var table in schema.Values)
        {
            AddTable(table);
        }
    }

    public OrgIdentity Identity { get; }

    public TimeProvider Time { get; }

    public Lock Gate { get; } = new();

    public long CurrentVersion => _version;

    /// <summary>Restores a saved row exactly (id, version, values) without stamping anything.</summary>
    public void Restore(EntityStore store, Row row, long version)
    {
        store.Add(row);
        _version = Math.Max(_version, version);
    }

    /// <summary>Restores a saved tombstone and moves the version clock past it.</summary>
    public void Restore(EntityStore store, Tombstone tombstone)
    {
        store.RestoreTombstone(tombstone);
        _version = Math.Max(_version, tombstone.Version);
    }

    /// <summary>
    /// Runs before a transaction commits (synchronous webhook steps); a non-null message fails the operation and the
    /// transaction is rolled back (dataverse.md §6: sync steps fail/roll back the user's operation).
    /// </summary>
    public Func<IReadOnlyList<StoreChange>, string?>? BeforeCommit { get; set; }

    /// <summary>Raised for each committed change (under <see cref="Gate"/>).</summary>
    public event Action<StoreChange>? Changed;

    public IEnumerable<EntityStore> Stores => _byLogicalName.Values;

    public EntityStore? BySetName(string setName) => _bySetName.GetValueOrDefault(setName);

    public EntityStore? ByLogicalName(string logicalName) => _byLogicalName.GetValueOrDefault(logicalName);

    public void AddTable(TableDef table)
    {
        var store = new EntityStore(table);
        _byLogicalName[table.LogicalName] = store;
        _bySetName[table.EntitySetName] = store;
    }

    /// <summary>The org's clock, truncated to whole seconds as Dataverse stores datetimes.</summary>
    public DateTime Now
    {
        get
        {
            var now = Time.GetUtcNow().UtcDateTime;
            return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        }
    }

    internal void Publish(StoreChange change) => Changed?.Invoke(change);

    /// <summary>Loads a generated record without events; audit columns come from the values given.</summary>
    public Row Load(EntityStore store, Guid id, Dictionary<string, object?> values)
    {
        var table = store.Table;
        var row = new Row(id, ++_version, new object?[table.Columns.Count]);
        row.Set(table.PrimaryId.Index, id);
        foreach (var (name, value) in values)
        {
            row.Set((table.ByLogicalName(name) ?? throw new InvalidOperationException($"{table.LogicalName}.{name} is not in the schema")).Index, value);
        }

        ApplyComputed(table, row);
        store.Add(row);
        return row;
    }

    public Row Create(EntityStore store, Guid id, IReadOnlyDictionary<ColumnDef, object?> values, Guid userId, Transaction tx)
    {
        var table = store.Table;
        var row = new Row(id, ++_version, new object?[table.Columns.Count]);
        row.Set(table.PrimaryId.Index, id);
        foreach (var (column, value) in values)
        {
            row.Set(column.Index, value);
        }

        var now = Now;
        SetIfPresent(table, row, "createdon", now);
        SetIfPresent(table, row, "modifiedon", now);
        SetIfPresent(table, row, "createdby", new EntityRef("systemuser", userId));
        SetIfPresent(table, row, "modifiedby", new EntityRef("systemuser", userId));
        if (table.ByLogicalName("ownerid") is { } owner && row.Get(owner.Index) is null)
        {
            row.Set(owner.Index, new EntityRef("systemuser", userId));
        }

        ApplyDefaultState(table, row);
        ApplyComputed(table, row);
        var tombstone = store.FindTombstone(id);
        store.Add(row);
        tx.OnRollback(() =>
        {
            store.Remove(row, null);
            if (tombstone is not null)
            {
                store.RestoreTombstone(tombstone);
            }
        });
        tx.Record(new StoreChange("Create", table, id, null, (object?[])row.Values.Clone(), values.Keys.ToList(), userId, tx.CorrelationId, now) { AfterVersion = row.Version });
        return row;
    }

    public void Update(EntityStore store, Row row, IReadOnlyDictionary<ColumnDef, object?> changes, Guid userId, Transaction tx)
    {
        var table = store.Table;
        var before = (object?[])row.Values.Clone();
        var oldVersion = row.Version;
        foreach (var (column, value) in changes)
        {
            row.Set(column.Index, value);
        }

        var now = Now;
        SetIfPresent(table, row, "modifiedon", now);
        SetIfPresent(table, row, "modifiedby", new EntityRef("systemuser", userId));
        ApplyComputed(table, row);
        row.Version = ++_version;
        store.Reindex(row, before);
        tx.OnRollback(() =>
        {
            var current = row.Values;
            row.Values = before;
            row.Version = oldVersion;
            store.Reindex(row, current);
        });
        tx.Record(new StoreChange("Update", table, row.Id, before, (object?[])row.Values.Clone(), changes.Keys.ToList(), userId, tx.CorrelationId, now)
        {
            BeforeVersion = oldVersion,
            AfterVersion = row.Version,
        });
    }

    public void Delete(EntityStore store, Row row, Guid userId, Transaction tx)
    {
        var previous = store.FindTombstone(row.Id);
        var now = Now;
        store.Remove(row, new Tombstone(row.Id, ++_version, now));
        tx.OnRollback(() =>
        {
            store.ForgetTombstone(row.Id);
            if (previous is not null)
            {
                store.RestoreTombstone(previous);
            }

            store.Add(row);
        });
        tx.Record(new StoreChange("Delete", store.Table, row.Id, (object?[])row.Values.Clone(), null, [], userId, tx.CorrelationId, now));
    }

    private static void SetIfPresent(TableDef table, Row row, string column, object? value)
    {
        if (table.ByLogicalName(column) is { } c)
        {
            row.Set(c.Index, value);
        }
    }

    private static void ApplyDefaultState(TableDef table, Row row)
    {
        if (table.ByLogicalName("statecode") is not { } state)
        {
            return;
        }

        if (row.Get(state.Index) is null)
        {
            row.Set(state.Index, state.Options.Count > 0 ? state.Options[0].Value : 0);
        }

        if (table.ByLogicalName("statuscode") is { } status && row.Get(status.Index) is null)
        {
            var stateValue = (int)row.Get(state.Index)!;
            row.Set(status.Index, state.Option(stateValue)?.DefaultStatus);
        }
    }
}
