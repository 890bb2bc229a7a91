using System.Collections.Concurrent;
using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Salesforce.Schema;

namespace CrmExtensions.Sandbox.Salesforce;

/// <summary>
/// The Salesforce view of one sandbox org: the same <see cref="OrgStore"/> the Dataverse API serves, with Salesforce
/// ids (indexed lazily), custom-field values and open query cursors.
/// </summary>
internal sealed class SalesforceOrg(OrgStore store, SalesforceSchema schema, bool mergeDuplicates)
{
    private readonly Dictionary<string, (SfObject Object, Guid Id)> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _indexedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Dictionary<string, object?>> _custom = [];
    private static readonly Dictionary<Guid, Guid> NoMerges = [];
    private Dictionary<(Guid, Guid), Guid>? _priceListItems;
    private static readonly HashSet<string> MergeKeyColumns = new(["firstname", "subject", "leadsourcecode", "industrycode", "statuscode", "createdon"], StringComparer.Ordinal);
    private Dictionary<Guid, Guid>? _merged;
    private int _mergedRows = -1;
    private bool _watchingMerges;

    public OrgStore Store { get; } = store;

    public bool MergeDuplicates { get; } = mergeDuplicates;

    /// <summary>Custom-field values written inside the current transaction, applied when it commits.</summary>
    public List<(Guid Id, string Field, object? Value)> PendingCustom { get; } = [];

    public SalesforceSchema Schema { get; } = schema;

    /// <summary>Open query locators (salesforce.md §2a: <c>&lt;queryId&gt;-&lt;offset&gt;</c>).</summary>
    public ConcurrentDictionary<string, QueryCursor> Cursors { get; } = new(StringComparer.Ordinal);

    /// <summary>Bulk API 2.0 query jobs by id.</summary>
    public ConcurrentDictionary<string, Bulk.BulkQueryJob> QueryJobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Bulk API 2.0 ingest jobs by id.</summary>
    public ConcurrentDictionary<string, Bulk.BulkIngestJob> IngestJobs { get; } = new(StringComparer.Ordinal);

    public string OrgId => SalesforceId.From("00D", Store.Identity.OrganizationId);

    public string UserId => SalesforceId.From("005", Store.Identity.ApplicationUserId);

    /// <summary>Salesforce id of a record of a Dataverse table (any table the schema maps; else the 000 prefix).</summary>
    public string IdOf(string table, Guid id) => SalesforceId.From(Schema.ForTable(table)?.KeyPrefix ?? "000", id);

    /// <summary>Finds the row behind a 15/18-character id of an object (under the store's gate).</summary>
    public Row? Find(SfObject obj, string id)
    {
        if (SalesforceId.To15(id) is not { } id15 || !id15.StartsWith(obj.KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (!_ids.TryGetValue(id15, out var hit))
        {
            Index(obj);
            if (!_ids.TryGetValue(id15, out hit))
            {
                return null;
            }
        }

        return hit.Object == obj && !Merged(obj.Table).ContainsKey(hit.Id) ? Store.ByLogicalName(obj.Table)!.Find(hit.Id) : null;
    }

    public object? Custom(Guid id, string field) => _custom.TryGetValue(id, out var values) ? values.GetValueOrDefault(field) : null;

    public void SetCustom(Guid id, string field, object? value)
    {
        if (!_custom.TryGetValue(id, out var values))
        {
            _custom[id] = values = new(StringComparer.OrdinalIgnoreCase);
        }

        values[field] = value;
    }

    /// <summary>
    /// Leads merged away (salesforce.md §2b: merged rows are deleted and carry MasterRecordId): the generator's
    /// duplicates closed as Canceled, each merged into the earliest other lead of the same person (same first name,
    /// topic, source and industry). Off when <see cref="SalesforceSettings.CanceledDuplicatesAsMerged"/> is false.
    /// Recomputed after a lead is created or deleted or a column of the merge key changes (caller holds the gate) — not
    /// after every write, which made a Bulk job of 10k leads quadratic.
    /// </summary>
    public IReadOnlyDictionary<Guid, Guid> Merged(string table)
    {
        if (!MergeDuplicates || table != "lead")
        {
            return NoMerges;
        }

        var store = Store.ByLogicalName("lead")!;
        if (!_watchingMerges)
        {
            Store.Changed += ForgetMerges;
            _watchingMerges = true;
        }

        // Generated rows are loaded without events: a changed row count also forgets the merges.
        if (_merged is not null && _mergedRows == store.Count)
        {
            return _merged;
        }

        var t = store.Table;
        int Col(string name) => t.ByLogicalName(name)!.Index;
        var (first, topic, source, industry, status, created) = (Col("firstname"), Col("subject"), Col("leadsourcecode"), Col("industrycode"), Col("statuscode"), Col("createdon"));
        string Key(Row r) => string.Join('\u001f', r.Get(first), r.Get(topic), r.Get(source), r.Get(industry));
        var masters = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var row in store.Rows)
        {
            if (row.Get(status) is not 7 && (!masters.TryGetValue(Key(row), out var m) || ((DateTime?)row.Get(created) ?? default) < ((DateTime?)m.Get(created) ?? default)))
            {
                masters[Key(row)] = row;
            }
        }

        var merged = new Dictionary<Guid, Guid>();
        foreach (var row in store.Rows)
        {
            if (row.Get(status) is 7 && masters.TryGetValue(Key(row), out var master))
            {
                merged[row.Id] = master.Id;
            }
        }

        (_merged, _mergedRows) = (merged, store.Count);
        return merged;
    }

    private void ForgetMerges(StoreChange change)
    {
        if (change.Table.LogicalName == "lead"
            && (change.Before is null || change.After is null || change.ChangedColumns.Any(c => MergeKeyColumns.Contains(c.LogicalName))))
        {
            _merged = null;
        }
    }

    /// <summary>The price-list item (PricebookEntry) of a product in a price list (index built on first use).</summary>
    public Guid PriceListItem(Guid priceList, Guid product)
    {
        if (_priceListItems is null)
        {
            var store = Store.ByLogicalName("productpricelevel")!;
            var level = store.Table.ByLogicalName("pricelevelid")!.Index;
            var item = store.Table.ByLogicalName("productid")!.Index;
            _priceListItems = [];
            foreach (var row in store.Rows)
            {
                if (row.Get(level) is EntityRef l && row.Get(item) is EntityRef p)
                {
                    _priceListItems[(l.Id, p.Id)] = row.Id;
                }
            }
        }

        return _priceListItems.GetValueOrDefault((priceList, product));
    }

    private void Index(SfObject obj)
    {
        // Re-indexed on a miss when the store changed since: new rows are found, repeated bad ids cost no rescans.
        if (_indexedAt.TryGetValue(obj.Name, out var at) && at == Store.CurrentVersion)
        {
            return;
        }

        _indexedAt[obj.Name] = Store.CurrentVersion;
        foreach (var row in Store.ByLogicalName(obj.Table)!.Rows)
        {
            _ids[SalesforceId.From(obj.KeyPrefix, row.Id)[..15]] = (obj, row.Id);
        }
    }
}
