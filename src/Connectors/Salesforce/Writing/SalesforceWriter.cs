using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Salesforce.Http;
using CrmExtensions.Connectors.Salesforce.Metadata;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Writing;

/// <summary>
/// Writes updates through <c>PATCH composite/sobjects</c>, <see cref="SalesforceOptions.WriteBatchSize"/> (≤ 200)
/// records a call with <c>allOrNone=false</c> (salesforce.md §3c), with one outcome per record from the results, which
/// come back in request order.
/// </summary>
/// <remarks>
/// More than <see cref="SalesforceOptions.BulkWriteThreshold"/> records go as Bulk API 2.0 update jobs instead
/// (<see cref="BulkIngest"/>, <see cref="SalesforceOptions.BulkJobRecords"/> a job), ordered by parent
/// (<see cref="ParentOrder"/>). So that Bulk is ever used, the writer asks the write-back for that many updates a call.
/// </remarks>
internal sealed class SalesforceWriter(SalesforceHttp http, DescribeReader describe, SalesforceOptions options, BulkIngest bulk) : ICrmWriter
{
    public int PreferredUpdatesPerCall =>
        options.BulkWriteThreshold > 0 ? Math.Max(options.BulkJobRecords, options.BulkWriteThreshold + 1) : 0;

    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return [];
        }

        var info = await describe.ObjectAsync(table, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<WriteOutcome>(updates.Count);
        var valid = new List<RecordUpdate>();
        foreach (var update in updates)
        {
            if (update.RecordId is not ({ Length: 15 } or { Length: 18 }) || !update.RecordId.All(char.IsAsciiLetterOrDigit))
            {
                outcomes.Add(new WriteOutcome(update.RecordId, WriteStatus.Failed, "The record id is not a 15- or 18-character Salesforce id."));
            }
            else
            {
                valid.Add(update);
            }
        }

        if (options.BulkWriteThreshold > 0 && valid.Count > options.BulkWriteThreshold)
        {
            foreach (var job in valid.OrderBy(u => u.RecordId, StringComparer.Ordinal).Chunk(options.BulkJobRecords))
            {
                outcomes.AddRange(await SendBulkAsync(info, [.. job], cancellationToken).ConfigureAwait(false));
            }

            return outcomes;
        }

        // Sorted by id, so a retried run sends the same records in the same calls.
        foreach (var chunk in valid.OrderBy(u => u.RecordId, StringComparer.Ordinal).Chunk(options.WriteBatchSize))
        {
            outcomes.AddRange(await SendAsync(info, chunk, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<WriteOutcome>> SendAsync(ObjectInfo info, RecordUpdate[] chunk, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = CollectionRequest.Build(info.Name, chunk);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException)
        {
            return [.. chunk.Select(u => new WriteOutcome(u.RecordId, WriteStatus.Failed, error.Message))];
        }

        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(HttpMethod.Patch, "composite/sobjects", content, cancellationToken).ConfigureAwait(false);
            using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
            var results = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList() : [];
            var outcomes = new List<WriteOutcome>(chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i >= results.Count)
                {
                    outcomes.Add(new WriteOutcome(chunk[i].RecordId, WriteStatus.Failed, "The collection response held no result for this record."));
                    continue;
                }

                var result = results[i];
                var success = result.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
                var error = success ? null
                    : result.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                        ? SalesforceError.FromElement(errors[0])
                        : new SalesforceError("UNKNOWN", "The record was not written and no error was given.");
                outcomes.Add(OutcomeClassifier.Classify(chunk[i].RecordId, error, Rendered(chunk[i])));
            }

            return outcomes;
        }
        catch (SalesforceException error)
        {
            // The whole call failed after the retries (unavailable, budget spent): every record in it is reported, none lost.
            var reason = error.Kind == FailureKind.Budget ? error.Message : $"The collection call failed: {error.Status} {error.Code}".TrimEnd();
            return [.. chunk.Select(u => new WriteOutcome(u.RecordId, WriteStatus.Failed, reason))];
        }
        catch (JsonException)
        {
            return [.. chunk.Select(u => new WriteOutcome(u.RecordId, WriteStatus.Failed, "The collection response was not JSON."))];
        }
    }

    private async Task<IReadOnlyList<WriteOutcome>> SendBulkAsync(ObjectInfo info, List<RecordUpdate> updates, CancellationToken cancellationToken)
    {
        try
        {
            var ordered = await new ParentOrder(http).SortAsync(info, updates, cancellationToken).ConfigureAwait(false);
            return await bulk.WriteAsync(info.Name, ordered, Rendered, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException)
        {
            // A value that cannot be written (named by object and field): nothing was sent.
            return [.. updates.Select(u => new WriteOutcome(u.RecordId, WriteStatus.Failed, error.Message))];
        }
        catch (SalesforceException error)
        {
            var reason = error.Kind == FailureKind.Budget ? error.Message : $"The Bulk ingest job failed: {error.Status} {error.Code}".TrimEnd();
            return [.. updates.Select(u => new WriteOutcome(u.RecordId, WriteStatus.Failed, reason))];
        }
        catch (Exception error) when (error is JsonException or InvalidDataException or KeyNotFoundException)
        {
            return [.. updates.Select(u => new WriteOutcome(u.RecordId, WriteStatus.Failed, "The Bulk ingest job answered with a body that could not be read."))];
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
