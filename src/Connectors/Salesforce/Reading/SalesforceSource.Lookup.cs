using System.Text.Json;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Salesforce.Metadata;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Reading;

/// <summary>Records an outbound message named: mapped from its sObject fields, or queried by id.</summary>
internal sealed partial class SalesforceSource : IRecordLookup
{
    /// <summary>Ids per by-id query: <c>WHERE Id IN (…)</c> of 100 quoted 18-character ids keeps the URL short (salesforce.md §2a).</summary>
    private const int IdsPerQuery = 100;

    public async Task<CrmRecord?> MapCarriedAsync(string entity, string id, JsonElement row, CancellationToken cancellationToken = default)
    {
        var (info, mapper) = await MapperAsync(entity, cancellationToken).ConfigureAwait(false);

        // Without the replication stamp the record cannot be ordered against stored copies (the read keys on it).
        if (info.ModstampField is not { } stampField || !row.TryGetProperty(stampField, out var stamp) || stamp.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var record = mapper.Map(row, id, ReadCursor.ParseInstant(stamp.GetString()!));

        // A multi-currency org's amounts are in the record's CurrencyIsoCode: without it in the message, money is not known.
        if (info.Field("CurrencyIsoCode") is not null && !row.TryGetProperty("CurrencyIsoCode", out _))
        {
            record = CrmRecord.Create(record.Org, record.Entity, record.Id, record.ModifiedOn, record.Values.Where(v => v.Value is not MoneyValue));
        }

        return record;
    }

    public async Task<IReadOnlyList<CrmRecord>> ReadByIdsAsync(string entity, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var (info, mapper) = await MapperAsync(entity, cancellationToken).ConfigureAwait(false);
        var records = new List<CrmRecord>(ids.Count);
        var fields = string.Join(", ", Selected(info, options).Select(f => Soql.Identifier(f.Name, "field")));
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
        {
            // salesforce.md §2a: the REST query a read uses, with the same fields; "query" leaves deleted rows out.
            var soql = $"SELECT {fields} FROM {Soql.Identifier(info.Name, "object")} WHERE Id IN ({string.Join(", ", chunk.Select(Soql.Quote))})";
            string? next = "query?q=" + Uri.EscapeDataString(soql);
            while (next is not null)
            {
                using var page = await http.GetJsonAsync(next, cancellationToken).ConfigureAwait(false);
                var root = page.RootElement;
                foreach (var row in root.GetProperty("records").EnumerateArray())
                {
                    var id = row.GetProperty("Id").GetString()!;
                    records.Add(mapper.Map(row, id, ReadCursor.ParseInstant(row.GetProperty(info.ModstampField!).GetString()!)));
                }

                next = root.TryGetProperty("done", out var done) && done.ValueKind == JsonValueKind.False
                    && root.TryGetProperty("nextRecordsUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
            }
        }

        return records;
    }

    private async Task<(ObjectInfo Info, RecordMapper Mapper)> MapperAsync(string entity, CancellationToken cancellationToken)
    {
        var org = await OrgAsync(cancellationToken).ConfigureAwait(false);
        var info = await describe.ObjectAsync(entity, cancellationToken).ConfigureAwait(false);
        if (info.ModstampField is null)
        {
            throw new SalesforceException(FailureKind.Configuration, 0, string.Empty, $"{info.Name}: the object has no SystemModstamp, LastModifiedDate or CreatedDate to read changes by.");
        }

        var mapper = new RecordMapper(org, info, Selected(info, options), await describe.PrefixesAsync(cancellationToken).ConfigureAwait(false),
            await currencies.ConverterAsync(cancellationToken).ConfigureAwait(false), options.DefaultCurrency);
        return (info, mapper);
    }
}
