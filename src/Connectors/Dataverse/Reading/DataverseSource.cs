using System.Runtime.CompilerServices;
using System.Text.Json;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Dataverse.Http;
using CrmExtensions.Connectors.Dataverse.Metadata;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Connectors.Dataverse.Reading;

/// <summary>Checks, discovers and reads one Dataverse org.</summary>
internal sealed class DataverseSource(DataverseHttp http, MetadataReader metadata, CurrencyCodes currencies, DataverseOptions options, TimeProvider time) : ICrmSource, IRecordLookup
{
    /// <summary>Ids per by-id read: <c>$filter=key eq … or key eq …</c> stays a short URL (dataverse.md §1).</summary>
    private const int IdsPerRead = 50;

    private const string Annotations = "odata.include-annotations=\"*\"";
    private static readonly TimeSpan CertificateWarning = TimeSpan.FromDays(30);
    private OrgId? _org;

    /// <summary>The client certificate in use, when the credential is one (its expiry is reported by <see cref="CheckAsync"/>).</summary>
    public Auth.CertificateInfo? Certificate { get; init; }

    public async Task<CheckResult> CheckAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        if (Certificate is { } certificate)
        {
            var left = certificate.NotAfter - time.GetUtcNow();
            var text = $"The client certificate {certificate.Subject} (thumbprint {certificate.Thumbprint}) expires on {certificate.NotAfter:yyyy-MM-dd HH:mm} UTC";
            if (left <= TimeSpan.Zero)
            {
                problems.Add($"{DataverseOptions.Section}:Certificate: {text.Replace("expires on", "expired on", StringComparison.Ordinal)}; upload a new one to the app registration.");
            }
            else
            {
                notes.Add(left < CertificateWarning ? $"{text} — in {left.Days} days; renew it soon." : $"{text} (in {left.Days} days).");
            }
        }

        OrgId? org = null;
        try
        {
            org = await OrgAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DataverseException error)
        {
            problems.Add(error.Kind == FailureKind.Configuration
                ? $"Cannot sign in or reach the org (check {DataverseOptions.Section}:EnvironmentUrl, Authority, ClientId, ClientSecret and the application user): {error.Message}"
                : $"The org did not answer WhoAmI: {error.Message}");
            return new CheckResult(null, problems) { Notes = notes };
        }

        foreach (var name in options.EffectiveTables)
        {
            try
            {
                var table = await metadata.TableAsync(name, cancellationToken).ConfigureAwait(false);
                if (table.ChangeTracking)
                {
                    // dataverse.md §2: change tracking needs organisation-level read; a privilege error shows here.
                    using var probe = await http.GetJsonAsync(new Uri(http.ApiRoot, $"{table.EntitySetName}?$select={table.PrimaryId}"),
                        ["odata.track-changes", "odata.maxpagesize=1"], cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    using var probe = await http.GetJsonAsync(new Uri(http.ApiRoot, $"{table.EntitySetName}?$select={table.PrimaryId}"),
                        ["odata.maxpagesize=1"], cancellationToken).ConfigureAwait(false);
                }
            }
            catch (DataverseException error)
            {
                problems.Add($"{DataverseOptions.Section}:Tables '{name}': {error.Message}");
            }
        }

        return new CheckResult(org, problems) { Notes = notes };
    }

    public async Task<IReadOnlyList<EntitySchema>> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        var schemas = new List<EntitySchema>();
        foreach (var name in options.EffectiveTables)
        {
            var table = await metadata.TableAsync(name, cancellationToken).ConfigureAwait(false);
            schemas.Add(new EntitySchema(table.LogicalName,
                [.. table.Columns.Select(c => new FieldSchema(c.Name, c.Type, c.Secured) { Target = c.Targets.Count == 1 ? c.Targets[0] : null, DisplayName = c.DisplayName })],
                table.ChangeTracking));
        }

        return schemas;
    }

    public async IAsyncEnumerable<RecordBatch> ReadAsync(string entity, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var org = await OrgAsync(cancellationToken).ConfigureAwait(false);
        var table = await metadata.TableAsync(entity, cancellationToken).ConfigureAwait(false);
        var (codes, baseCode) = await currencies.GetAsync(cancellationToken).ConfigureAwait(false);
        var mapper = new RecordMapper(org, table, codes, baseCode);
        var start = cursor is null ? null : ReadCursor.Parse(cursor);
        IAsyncEnumerable<RecordBatch> pages = (start?.Kind, table.ChangeTracking) switch
        {
            (null, true) => PagesAsync(table, mapper, Snapshot(table), full: true, cancellationToken, fromStart: true),
            (ReadCursorKind.NextFull, _) => ResumeAsync(table, mapper, new Uri(start.Value), full: true, cancellationToken),
            (ReadCursorKind.Delta or ReadCursorKind.NextDelta, _) => ResumeAsync(table, mapper, new Uri(start.Value), full: false, cancellationToken),
            (null or ReadCursorKind.Modified, false) => ModifiedAsync(table, mapper, start, cancellationToken),
            _ => throw new InvalidDataException($"{entity}: the saved cursor does not match the table's change tracking; run a full sync."),
        };
        await foreach (var page in pages.ConfigureAwait(false))
        {
            yield return page;
        }
    }

    public async Task<CrmRecord?> MapCarriedAsync(string entity, string id, JsonElement row, CancellationToken cancellationToken = default)
    {
        var (table, mapper) = await MapperAsync(entity, cancellationToken).ConfigureAwait(false);
        var record = mapper.MapCarried(row, id);
        if (record is null || record.Deleted || !options.MinimiseColumns)
        {
            return record;
        }

        // An image carries every column; a minimised read would not have read the personal and secured ones.
        var dropped = table.Columns.Select(c => c.Name).Except(Kept(table).Select(c => c.Name), StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return dropped.Count == 0 ? record
            : CrmRecord.Create(record.Org, record.Entity, record.Id, record.ModifiedOn, record.Values.Where(v => !dropped.Contains(v.Key)));
    }

    public async Task<IReadOnlyList<CrmRecord>> ReadByIdsAsync(string entity, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var (table, mapper) = await MapperAsync(entity, cancellationToken).ConfigureAwait(false);
        var records = new List<CrmRecord>(ids.Count);
        string[] prefer = [$"odata.maxpagesize={options.PageSize}", Annotations];
        var keys = ids.Select(id => Guid.TryParse(id, out var key) ? key
            : throw new ArgumentException($"{table.LogicalName}: record id is not a GUID.", nameof(ids))).Distinct().ToList();
        foreach (var chunk in keys.Chunk(IdsPerRead))
        {
            // dataverse.md §1: the same Web API row (all columns, annotations) a read maps, filtered by key.
            var filter = string.Join(" or ", chunk.Select(key => $"{table.PrimaryId} eq {key:D}"));
            var select = Select(table) is { } minimised ? "&" + minimised : string.Empty;
            Uri? next = new(http.ApiRoot, $"{table.EntitySetName}?$filter={Uri.EscapeDataString(filter)}{select}");
            while (next is not null)
            {
                using var doc = await http.GetJsonAsync(next, prefer, cancellationToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                records.AddRange(doc.RootElement.GetProperty("value").EnumerateArray().Select(row => mapper.Map(row, now)));
                next = Link(doc.RootElement, "@odata.nextLink");
            }
        }

        return records;
    }

    private async Task<(TableInfo Table, RecordMapper Mapper)> MapperAsync(string entity, CancellationToken cancellationToken)
    {
        var org = await OrgAsync(cancellationToken).ConfigureAwait(false);
        var table = await metadata.TableAsync(entity, cancellationToken).ConfigureAwait(false);
        var (codes, baseCode) = await currencies.GetAsync(cancellationToken).ConfigureAwait(false);
        return (table, new RecordMapper(org, table, codes, baseCode));
    }

    private async Task<OrgId> OrgAsync(CancellationToken cancellationToken)
    {
        if (_org is { } known)
        {
            return known;
        }

        // dataverse.md §5: WhoAmI returns the OrganizationId.
        using var who = await http.GetJsonAsync("WhoAmI", cancellationToken).ConfigureAwait(false);
        var org = OrgId.Parse(who.RootElement.GetProperty("OrganizationId").GetString()!);
        _org = org;
        return org;
    }

    private Uri Snapshot(TableInfo table) => new(http.ApiRoot, table.EntitySetName + (Select(table) is { } select ? "?" + select : string.Empty));

    /// <summary>
    /// The <c>$select</c> of a minimised read (<see cref="DataverseOptions.MinimiseColumns"/>), or null to read every
    /// column. Lookups are selected as <c>_x_value</c> (dataverse.md §1); the delta and next links the org returns carry
    /// the same selection, so later pages and deltas stay minimised.
    /// </summary>
    internal string? Select(TableInfo table)
    {
        if (!options.MinimiseColumns)
        {
            return null;
        }

        var columns = Kept(table).Select(c => c.Type == FieldType.Lookup ? $"_{c.Name}_value" : c.Name).ToList();
        if (!columns.Contains(table.PrimaryId, StringComparer.OrdinalIgnoreCase))
        {
            columns.Insert(0, table.PrimaryId);
        }

        return "$select=" + string.Join(',', columns);
    }

    // The columns a minimised read keeps: all but secured and personal ones, unless a spec names them.
    private IEnumerable<ColumnInfo> Kept(TableInfo table)
    {
        var keep = new HashSet<string>(options.KeepColumns, StringComparer.OrdinalIgnoreCase);
        return table.Columns.Where(c => keep.Contains(c.Name)
            || !(c.Secured || (c.Type is FieldType.Text or FieldType.LongText && SyncColumns.IsPersonal(table.LogicalName, c.Name))));
    }

    /// <summary>
    /// Reads from a saved delta or next link. dataverse.md §2: an expired token (ExpiredVersionStamp, or any 4xx on the
    /// delta link) means discard it and read everything again; those batches are marked <see cref="RecordBatch.FullRead"/>.
    /// A saved next link of a full read that is refused the same way restarts that full read.
    /// </summary>
    private async IAsyncEnumerable<RecordBatch> ResumeAsync(TableInfo table, RecordMapper mapper, Uri link, bool full, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = true;
        var expired = false;
        await using var pages = PagesAsync(table, mapper, link, full, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            RecordBatch? batch;
            try
            {
                batch = await pages.MoveNextAsync().ConfigureAwait(false) ? pages.Current : null;
            }
            catch (DataverseException error) when (first && FailureClassifier.IsDeltaExpired(error.Status, error.Code))
            {
                expired = true;
                break;
            }

            if (batch is null)
            {
                yield break;
            }

            first = false;
            yield return batch;
        }

        if (expired)
        {
            await foreach (var batch in PagesAsync(table, mapper, Snapshot(table), full: true, cancellationToken, fromStart: true).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    /// <summary>
    /// Follows <c>@odata.nextLink</c> verbatim with the same <c>Prefer</c> on every page (dataverse.md §1); a change-tracked
    /// read ends with <c>@odata.deltaLink</c> on its last page (§2).
    /// </summary>
    private async IAsyncEnumerable<RecordBatch> PagesAsync(
        TableInfo table, RecordMapper mapper, Uri url, bool full, [EnumeratorCancellation] CancellationToken cancellationToken, bool fromStart = false)
    {
        var firstPage = true;
        string[] prefer = [$"odata.maxpagesize={options.PageSize}", Annotations, "odata.track-changes"];
        Uri? next = url;
        while (next is not null)
        {
            using var doc = await http.GetJsonAsync(next, prefer, cancellationToken).ConfigureAwait(false);
            var root = doc.RootElement;
            var now = time.GetUtcNow();
            var records = new List<CrmRecord>();
            foreach (var row in root.GetProperty("value").EnumerateArray())
            {
                // dataverse.md §2: a deleted row is {"@odata.context": "…/$deletedEntity", "id": "<guid>", "reason": "deleted"}.
                if (row.TryGetProperty("@odata.context", out var context) && context.GetString()?.EndsWith("$deletedEntity", StringComparison.Ordinal) == true)
                {
                    records.Add(CrmRecord.Tombstone(mapper.Org, table.LogicalName, row.GetProperty("id").GetString()!, now));
                }
                else
                {
                    records.Add(mapper.Map(row, now));
                }
            }

            next = Link(root, "@odata.nextLink");
            var delta = Link(root, "@odata.deltaLink");
            var cursor = next is not null ? ReadCursor.Next(next, full)
                : delta is not null ? ReadCursor.Delta(delta)
                : throw new InvalidDataException($"{table.LogicalName}: the last change-tracking page carried no @odata.deltaLink.");
            yield return new RecordBatch(records, cursor.ToString()) { FullRead = full, FullReadStart = fromStart && firstPage };
            firstPage = false;
        }
    }

    /// <summary>
    /// Tables without change tracking: rows modified after the cursor, ordered by modifiedon and the key so paging is
    /// stable (dataverse.md §1 "Typical incremental pull" and "Ordering &amp; paging"). Hard deletes leave no trace there,
    /// so every <see cref="DataverseOptions.IdReconciliationInterval"/> the ids alone are read as well
    /// (<see cref="ReconcileAsync"/>), and stored records missing from them are tombstoned by the sync.
    /// </summary>
    private async IAsyncEnumerable<RecordBatch> ModifiedAsync(TableInfo table, RecordMapper mapper, ReadCursor? start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = $"{table.EntitySetName}?$orderby=modifiedon asc,{table.PrimaryId} asc" + (Select(table) is { } select ? "&" + select : string.Empty);
        var reconciledAt = time.GetUtcNow();
        var full = start is null;
        if (start is not null)
        {
            var (modifiedOn, id, lastReconciled) = start.ModifiedParts();
            reconciledAt = lastReconciled;
            var at = modifiedOn.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
            query += $"&$filter=modifiedon gt {at} or (modifiedon eq {at} and {table.PrimaryId} gt {id})";
        }

        string[] prefer = [$"odata.maxpagesize={options.PageSize}", Annotations];
        Uri? next = new(http.ApiRoot, query);
        var firstPage = true;
        var (lastModified, lastId) = start is null ? (DateTimeOffset.UnixEpoch, Guid.Empty.ToString()) : (start.ModifiedParts().ModifiedOn, start.ModifiedParts().Id);
        while (next is not null)
        {
            using var doc = await http.GetJsonAsync(next, prefer, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var records = doc.RootElement.GetProperty("value").EnumerateArray().Select(row => mapper.Map(row, now)).ToList();
            if (records.Count > 0)
            {
                (lastModified, lastId) = (records[^1].ModifiedOn, records[^1].Id);
            }

            next = Link(doc.RootElement, "@odata.nextLink");
            if (records.Count > 0 || next is null)
            {
                yield return new RecordBatch(records, ReadCursor.Modified(lastModified, lastId, reconciledAt).ToString())
                {
                    FullRead = full,
                    FullReadStart = full && firstPage,
                };
                firstPage = false;
            }
        }

        if (!full && options.IdReconciliationInterval is { } interval && time.GetUtcNow() - reconciledAt >= interval)
        {
            await foreach (var batch in ReconcileAsync(table, lastModified, lastId, reconciledAt, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    /// <summary>
    /// Reads only the primary key of every row (<c>$select</c> of the key, paged by <c>@odata.nextLink</c>, dataverse.md §1)
    /// as <see cref="RecordBatch.LiveIds"/> pages of one full read. Only the last page moves the reconciliation time in the
    /// cursor, so a read cut short is done again on the next sync.
    /// </summary>
    private async IAsyncEnumerable<RecordBatch> ReconcileAsync(TableInfo table, DateTimeOffset lastModified, string lastId, DateTimeOffset reconciledAt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        string[] prefer = [$"odata.maxpagesize={options.PageSize}"];
        Uri? next = new(http.ApiRoot, $"{table.EntitySetName}?$select={table.PrimaryId}");
        var firstPage = true;
        while (next is not null)
        {
            using var doc = await http.GetJsonAsync(next, prefer, cancellationToken).ConfigureAwait(false);
            var ids = doc.RootElement.GetProperty("value").EnumerateArray().Select(row => row.GetProperty(table.PrimaryId).GetString()!).ToList();
            next = Link(doc.RootElement, "@odata.nextLink");
            yield return new RecordBatch([], ReadCursor.Modified(lastModified, lastId, next is null ? started : reconciledAt).ToString())
            {
                FullRead = true,
                FullReadStart = firstPage,
                LiveIds = ids,
            };
            firstPage = false;
        }
    }

    private static Uri? Link(JsonElement root, string name) =>
        root.TryGetProperty(name, out var link) && link.ValueKind == JsonValueKind.String ? new Uri(link.GetString()!) : null;
}
