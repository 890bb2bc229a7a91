using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Dataverse.Http;
using CrmExtensions.Connectors.Dataverse.Metadata;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Writing;

/// <summary>
/// Writes updates as <c>$batch</c>es of independent PATCHes, <see cref="DataverseOptions.BatchSize"/> per batch and
/// <see cref="DataverseOptions.MaxParallelism"/> batches at once, with one outcome per record.
/// </summary>
internal sealed class DataverseWriter(DataverseHttp http, MetadataReader metadata, DataverseOptions options) : ICrmWriter
{
    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return [];
        }

        var info = await metadata.TableAsync(table, cancellationToken).ConfigureAwait(false);
        var sets = new ConcurrentDictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in updates.SelectMany(u => u.Fields.Values).OfType<LookupValue>().Select(l => l.TargetEntity).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            sets[target] = (await metadata.TableAsync(target, cancellationToken).ConfigureAwait(false)).EntitySetName;
        }

        var outcomes = new ConcurrentBag<WriteOutcome>();
        var valid = new List<RecordUpdate>();
        foreach (var update in updates)
        {
            if (!Guid.TryParse(update.RecordId, out _))
            {
                outcomes.Add(new WriteOutcome(update.RecordId, WriteStatus.Failed, "The record id is not a Dataverse GUID."));
            }
            else
            {
                valid.Add(update);
            }
        }

        await Parallel.ForEachAsync(valid.Chunk(options.BatchSize), new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                foreach (var outcome in await SendAsync(info, chunk, name => sets.GetValueOrDefault(name), ct).ConfigureAwait(false))
                {
                    outcomes.Add(outcome);
                }
            }).ConfigureAwait(false);
        return [.. outcomes];
    }

    private async Task<IReadOnlyList<WriteOutcome>> SendAsync(TableInfo table, RecordUpdate[] chunk, Func<string, string?> setOf, CancellationToken cancellationToken)
    {
        string boundary, body;
        try
        {
            (boundary, body) = BatchRequest.Build(http.ApiRoot, table, chunk, setOf);
        }
        catch (InvalidOperationException error)
        {
            return [.. chunk.Select(u => new WriteOutcome(u.RecordId, WriteStatus.Failed, error.Message))];
        }

        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/mixed; boundary=\"{boundary}\"");
        try
        {
            // dataverse.md §3: with odata.continue-on-error the outer status is 200 and each part carries its own.
            using var response = await http.SendAsync(HttpMethod.Post, new Uri(http.ApiRoot, "$batch"), ["odata.continue-on-error"], content, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var parts = BatchResponse.Parse(response.Content.Headers.ContentType?.ToString() ?? string.Empty, text);
            var outcomes = new List<WriteOutcome>(chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                outcomes.Add(i < parts.Count
                    ? OutcomeClassifier.Classify(chunk[i].RecordId, parts[i].Status, parts[i].Error, Rendered(chunk[i]))
                    : new WriteOutcome(chunk[i].RecordId, WriteStatus.Failed, "The $batch response held no part for this request."));
            }

            return outcomes;
        }
        catch (DataverseException error)
        {
            // The whole batch failed after the retries (throttled, unavailable): every record in it is reported, none lost.
            return [.. chunk.Select(u => new WriteOutcome(u.RecordId, WriteStatus.Failed, $"The $batch failed: {error.Status} {error.Code}".TrimEnd()))];
        }
        finally
        {
            content.Dispose();
        }
    }

    private static IEnumerable<string> Rendered(RecordUpdate update) => update.Fields.Values.Select(v => v switch
    {
        TextValue t => t.Value,
        LongTextValue t => t.Value,
        NumberValue n => n.Value.ToString(CultureInfo.InvariantCulture),
        OptionValue o => o.Value,
        MoneyValue m => m.Amount.ToString(CultureInfo.InvariantCulture),
        _ => string.Empty,
    });
}
