using System.Runtime.CompilerServices;
using System.Text.Json;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Salesforce.Http;
using CrmExtensions.Connectors.Salesforce.Metadata;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Connectors.Salesforce.Reading;

/// <summary>Checks, discovers and reads one Salesforce org.</summary>
internal sealed partial class SalesforceSource(SalesforceHttp http, DescribeReader describe, CurrencyRates currencies, BulkQuery bulk, SalesforceOptions options, TimeProvider time) : ICrmSource
{
    public async Task<CheckResult> CheckAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        OrgId org;
        try
        {
            org = await OrgAsync(cancellationToken).ConfigureAwait(false);
            await ReadLimitsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceException error)
        {
            problems.Add(error.Kind == FailureKind.Configuration
                ? $"Cannot sign in or reach the org (check {SalesforceOptions.Section}:LoginUrl, ClientId and the secret or key, and the integration user): {error.Message}"
                : $"The org did not answer: {error.Message}");
            return new CheckResult(null, problems);
        }

        if (http.Usage.Budget.Reached(options.BudgetShare))
        {
            problems.Add($"DailyApiRequests: {http.Usage.Budget.Used}/{http.Usage.Budget.Max} used, at or above {SalesforceOptions.Section}:BudgetShare; runs stop as partial until it frees up.");
        }

        foreach (var name in options.EffectiveObjects)
        {
            try
            {
                var info = await describe.ObjectAsync(name, cancellationToken).ConfigureAwait(false);
                if (!info.Queryable || info.ModstampField is null)
                {
                    problems.Add($"{SalesforceOptions.Section}:Objects '{name}': the object is not queryable or has no SystemModstamp.");
                    continue;
                }

                using var probe = await http.GetJsonAsync("query?q=" + Uri.EscapeDataString($"SELECT Id FROM {info.Name} LIMIT 1"), cancellationToken).ConfigureAwait(false);
                foreach (var output in OutputCatalogue.Default.ForTable(CrmKind.Salesforce, info.Name))
                {
                    // salesforce.md §8: without field permissions a field is missing from describe for the integration user.
                    if (info.Field(output.SalesforceName) is null)
                    {
                        problems.Add($"{info.Name}.{output.SalesforceName}: the output field is missing or not visible to the integration user (deploy the fields and assign the permission set).");
                    }
                }
            }
            catch (SalesforceException error) when (error.Kind != FailureKind.Budget)
            {
                problems.Add($"{SalesforceOptions.Section}:Objects '{name}': {error.Message}");
            }
        }

        return new CheckResult(org, problems);
    }

    public async Task<IReadOnlyList<EntitySchema>> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        var schemas = new List<EntitySchema>();
        foreach (var name in options.EffectiveObjects)
        {
            var info = await describe.ObjectAsync(name, cancellationToken).ConfigureAwait(false);
            schemas.Add(new EntitySchema(info.Name,
                [.. info.Fields.Where(f => f.Type is not null && f.Name != "Id").Select(f => new FieldSchema(f.Name, f.Type!.Value, f.Encrypted)
                {
                    Target = f.Targets.Count == 1 ? f.Targets[0] : null,
                    DisplayName = f.Label,
                })],
                info.ModstampField is not null));
        }

        return schemas;
    }

    public async IAsyncEnumerable<RecordBatch> ReadAsync(string entity, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var org = await OrgAsync(cancellationToken).ConfigureAwait(false);
        var info = await describe.ObjectAsync(entity, cancellationToken).ConfigureAwait(false);
        if (info.ModstampField is null)
        {
            throw new SalesforceException(FailureKind.Configuration, 0, string.Empty, $"{info.Name}: the object has no SystemModstamp, LastModifiedDate or CreatedDate to read changes by.");
        }

        var readAt = time.GetUtcNow();
        var state = cursor is null ? null : ReadCursor.Parse(cursor);
        IReadOnlyList<(string Id, DateTimeOffset DeletedOn)> deletedLog = [];
        var fromStart = state is null;
        if (state is { Full: false })
        {
            // A periodic full read finds hard deletes and merges that neither queryAll nor getDeleted show any more.
            var reconcile = state.LastFull is not { } lastFull || readAt - lastFull >= options.ReconcileEvery;
            var log = reconcile ? null : await DeletedSinceAsync(info, state.DeletedStart(options.LookBack), readAt, cancellationToken).ConfigureAwait(false);
            if (log is null)
            {
                state = null;
                fromStart = true;
            }
            else
            {
                deletedLog = log;
            }
        }

        var full = state is null || state.Full;
        state ??= new ReadCursor { ReadAt = readAt, Full = true };
        if (!state.Full)
        {
            state = state with { ReadAt = readAt };
        }

        var mapper = new RecordMapper(org, info, Selected(info, options), await describe.PrefixesAsync(cancellationToken).ConfigureAwait(false),
            await currencies.ConverterAsync(cancellationToken).ConfigureAwait(false), options.DefaultCurrency);
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        var soql = Query(info, state.QueryStart(options.LookBack), options);
        if (state.BulkJob is { } resumed && !await bulk.ExistsAsync(resumed, cancellationToken).ConfigureAwait(false))
        {
            // The job of an interrupted Bulk read is gone (deleted after 7 days, salesforce.md §4c): read everything again.
            state = new ReadCursor { ReadAt = readAt, Full = true };
            fromStart = true;
        }

        var first = true;
        string? next = state.BulkJob is null ? (info.HasIsDeleted ? "queryAll" : "query") + "?q=" + Uri.EscapeDataString(soql) : null;
        while (next is not null)
        {
            var records = new List<CrmRecord>();
            using (var page = await http.GetJsonAsync(next, cancellationToken, ("Sforce-Query-Options", $"batchSize={options.PageSize}")).ConfigureAwait(false))
            {
                var root = page.RootElement;
                if (first && full && fromStart && options.BulkQueryThreshold > 0
                    && root.TryGetProperty("totalSize", out var total) && total.GetInt64() > options.BulkQueryThreshold)
                {
                    // A large read from the start goes to Bulk API 2.0 (salesforce.md §4c); this first page is dropped.
                    state = state with { BulkJob = await bulk.StartAsync(soql, cancellationToken).ConfigureAwait(false) };
                    break;
                }

                foreach (var row in root.GetProperty("records").EnumerateArray())
                {
                    state = Take(state, row, info, org, mapper, emitted, records);
                }

                next = root.TryGetProperty("done", out var done) && done.ValueKind == JsonValueKind.False
                    && root.TryGetProperty("nextRecordsUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
            }

            if (next is null)
            {
                // Deletions the delete log knows and queryAll did not show (hard deletes, an emptied recycle bin).
                foreach (var (id, deletedOn) in deletedLog)
                {
                    if (Fresh(state, emitted, id, deletedOn))
                    {
                        state.Seen[id] = deletedOn;
                        records.Add(CrmRecord.Tombstone(org, info.Name, id, deletedOn));
                    }
                }

                state = state with { Full = false, LastFull = full ? state.ReadAt : state.LastFull };
            }

            state = state.Pruned(options.LookBack);
            yield return new RecordBatch(records, state.ToString()) { FullRead = full, FullReadStart = full && fromStart && first };
            first = false;
        }

        while (state.BulkJob is { } job)
        {
            var records = new List<CrmRecord>();
            var (rows, locator) = await bulk.ResultsAsync(job, state.Locator, info, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                state = Take(state, row, info, org, mapper, emitted, records);
            }

            state = (locator is null
                ? state with { BulkJob = null, Locator = null, Full = false, LastFull = state.ReadAt }
                : state with { Locator = locator }).Pruned(options.LookBack);
            yield return new RecordBatch(records, state.ToString()) { FullRead = true, FullReadStart = fromStart && first };
            first = false;
        }
    }

    /// <summary>Adds one row unless it was delivered already with the same stamp; deleted and merged rows become tombstones (salesforce.md §2b).</summary>
    private static ReadCursor Take(ReadCursor state, JsonElement row, ObjectInfo info, OrgId org, RecordMapper mapper, HashSet<string> emitted, List<CrmRecord> records)
    {
        var id = row.GetProperty("Id").GetString()!;
        var stamp = ReadCursor.ParseInstant(row.GetProperty(info.ModstampField!).GetString()!);
        if (!Fresh(state, emitted, id, stamp))
        {
            return state;
        }

        state.Seen[id] = stamp;
        records.Add(row.TryGetProperty("IsDeleted", out var deleted) && deleted.ValueKind == JsonValueKind.True
            ? CrmRecord.Tombstone(org, info.Name, id, stamp)
            : mapper.Map(row, id, stamp));
        return state.Max is { } max && max > stamp ? state : state with { Max = stamp };
    }

    private static bool Fresh(ReadCursor state, HashSet<string> emitted, string id, DateTimeOffset stamp) =>
        !(state.Seen.TryGetValue(id, out var seen) && seen >= stamp) && emitted.Add(id);

    /// <summary>
    /// The fields a read selects: every field of a type we read, except encrypted fields (never stored) and our own
    /// output fields (<c>CRMX_</c>, never features; long text ones would also shrink the pages, salesforce.md §2a).
    /// </summary>
    internal static IReadOnlyList<FieldInfo> Selected(ObjectInfo info, SalesforceOptions? options = null) =>
    [
        .. info.Fields.Where(f => f.Name is "Id" or "IsDeleted" || (f.Type is not null && !f.Encrypted
            && !f.Name.StartsWith("CRMX_", StringComparison.OrdinalIgnoreCase)
            && !OutputCatalogue.Default.IsOutputField(CrmKind.Salesforce, info.Name, f.Name)
            && !Minimised(info, f, options))),
    ];

    // Data minimisation (SalesforceOptions.MinimiseColumns): a personal text field no spec names stays in the org.
    private static bool Minimised(ObjectInfo info, FieldInfo field, SalesforceOptions? options) =>
        options is { MinimiseColumns: true } && field.Type is FieldType.Text or FieldType.LongText
        && SyncColumns.IsPersonal(info.Name, field.Name) && !options.KeepFields.Contains(field.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>salesforce.md §2c: <c>SELECT … FROM T WHERE SystemModstamp &gt;= start ORDER BY SystemModstamp ASC</c>; every name is an API name.</summary>
    internal static string Query(ObjectInfo info, DateTimeOffset? from, SalesforceOptions? options = null)
    {
        var fields = string.Join(", ", Selected(info, options).Select(f => Soql.Identifier(f.Name, "field")));
        var stamp = Soql.Identifier(info.ModstampField!, "field");
        var where = from is { } start ? $" WHERE {stamp} >= {Soql.DateTime(start)}" : string.Empty;
        return $"SELECT {fields} FROM {Soql.Identifier(info.Name, "object")}{where} ORDER BY {stamp} ASC";
    }
}
