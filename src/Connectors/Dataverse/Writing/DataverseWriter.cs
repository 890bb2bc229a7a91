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
internal sealed class DataverseWriter(DataverseHttp http, MetadataReader metadata, DataverseOptions options, ApiUsage usage) : ICrmWriter
{
    private int _parallelism = options.MaxParallelism;

    /// <summary>Batches sent at once now: halved after a wave that was throttled, grown by one after a clean wave.</summary>
    public int Parallelism => Volatile.Read(ref _parallelism);

    /// <summary>The lowest parallelism reached so far (diagnostics and tests).</summary>
    public int LowestParallelism { get; private set; } = options.MaxParallelism;

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

        var pending = new Queue<RecordUpdate[]>(valid.Chunk(options.BatchSize));
        while (pending.Count > 0)
        {
            // dataverse.md §4: "ramp up gradually and let the server tell you" — a wave of batches at the current
            // parallelism; fewer after 429s, one more after a wave without them.
            var wave = new List<RecordUpdate[]>();
            while (wave.Count < Parallelism && pending.Count > 0)
            {
                wave.Add(pending.Dequeue());
            }

            var throttledBefore = usage.Throttled;
            var results = await Task.WhenAll(wave.Select(chunk => SendAsync(info, chunk, name => sets.GetValueOrDefault(name), cancellationToken))).ConfigureAwait(false);
            foreach (var outcome in results.SelectMany(r => r))
            {
                outcomes.Add(outcome);
            }

            Volatile.Write(ref _parallelism, usage.Throttled > throttledBefore
                ? Math.Max(1, Parallelism / 2)
                : Math.Min(options.MaxParallelism, Parallelism + 1));
            LowestParallelism = Math.Min(LowestParallelism, Parallelism);
        }

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
