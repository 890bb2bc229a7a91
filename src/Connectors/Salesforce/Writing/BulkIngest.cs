using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Salesforce.Http;
using CrmExtensions.Connectors.Salesforce.Reading;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Connectors.Salesforce.Writing;

/// <summary>
/// One Bulk API 2.0 <c>update</c> job (salesforce.md §4a): create, upload the CSV, close (<c>UploadComplete</c>), poll
/// until <c>JobComplete</c> with <see cref="SalesforceOptions.BulkPollTimeout"/>, then read the successful, failed and
/// unprocessed results and map them back to each record by <c>sf__Id</c> (by the <c>Id</c> column when a failed row's
/// <c>sf__Id</c> is empty, as before v53). Result order is not input order (§4a step 5), so nothing relies on it; a
/// record in no result set is reported failed, never written.
/// </summary>
internal sealed class BulkIngest(SalesforceHttp http, SalesforceOptions options, TimeProvider time)
{
    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(string type, IReadOnlyList<RecordUpdate> updates, Func<RecordUpdate, IEnumerable<string>> sentValues, CancellationToken cancellationToken)
    {
        var csv = CsvRequest.Build(type, updates);
        var job = await CreateAsync(type, cancellationToken).ConfigureAwait(false);
        string state;
        try
        {
            using (var content = new StringContent(csv, Encoding.UTF8, "text/csv"))
            using (await http.SendAsync(HttpMethod.Put, $"jobs/ingest/{Uri.EscapeDataString(job)}/batches", content, cancellationToken).ConfigureAwait(false))
            {
            }

            await SetStateAsync(job, "UploadComplete", cancellationToken).ConfigureAwait(false);
            state = await PollAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing is processed before UploadComplete; abort so the job does not linger open (best effort).
            await TryAbortAsync(job).ConfigureAwait(false);
            throw;
        }

        var byId = new Dictionary<string, RecordUpdate>(StringComparer.Ordinal);
        foreach (var update in updates)
        {
            byId.TryAdd(update.RecordId[..15], update);
        }

        var outcomes = new Dictionary<string, WriteOutcome>(StringComparer.Ordinal);
        if (state == "JobComplete")
        {
            foreach (var (id, _) in await ResultsAsync(job, "successfulResults", cancellationToken).ConfigureAwait(false))
            {
                if (Match(byId, id) is { } update)
                {
                    outcomes[update.RecordId] = new WriteOutcome(update.RecordId, WriteStatus.Written);
                }
            }

            foreach (var (id, error) in await ResultsAsync(job, "failedResults", cancellationToken).ConfigureAwait(false))
            {
                if (Match(byId, id) is { } update)
                {
                    outcomes[update.RecordId] = OutcomeClassifier.Classify(update.RecordId, ParseError(error), sentValues(update));
                }
            }
        }

        var why = state == "JobComplete"
            ? $"Bulk job {job} returned no result for this record (unprocessed); it is sent again next run."
            : $"Bulk job {job} ended {state}; the record is sent again next run.";
        return [.. updates.Select(u => outcomes.TryGetValue(u.RecordId, out var o) ? o : new WriteOutcome(u.RecordId, WriteStatus.Failed, why))];
    }

    private async Task<string> CreateAsync(string type, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { @object = type, operation = "update", contentType = "CSV", lineEnding = "LF", columnDelimiter = "COMMA" });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(HttpMethod.Post, "jobs/ingest", content, cancellationToken).ConfigureAwait(false);
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
        // The upload URL is built from the id, not contentUrl (its form varies, salesforce.md §4a step 1).
        return doc.RootElement.GetProperty("id").GetString()
            ?? throw new SalesforceException(FailureKind.System, 0, "BULK_JOB_FAILED", "The Bulk ingest job was created without an id.");
    }

    private async Task SetStateAsync(string job, string state, CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { state }), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(HttpMethod.Patch, $"jobs/ingest/{Uri.EscapeDataString(job)}", content, cancellationToken).ConfigureAwait(false);
    }

    private async Task TryAbortAsync(string job)
    {
        try
        {
            await SetStateAsync(job, "Aborted", CancellationToken.None).ConfigureAwait(false);
        }
        catch (SalesforceException)
        {
            // Already processing, gone, or the budget is spent: the job's results tell nothing we rely on.
        }
    }

    /// <summary>Polls until a final state; <c>InProgress</c>/<c>UploadComplete</c> continue, the timeout returns "TimedOut".</summary>
    private async Task<string> PollAsync(string job, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.BulkPollTimeout;
        var wait = TimeSpan.Zero;
        while (true)
        {
            using var doc = await http.GetJsonAsync($"jobs/ingest/{Uri.EscapeDataString(job)}", cancellationToken).ConfigureAwait(false);
            var state = doc.RootElement.TryGetProperty("state", out var s) ? s.GetString() : null;
            if (state is "JobComplete" or "Failed" or "Aborted")
            {
                return state;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return string.Create(CultureInfo.InvariantCulture, $"without completing within {SalesforceOptions.Section}:BulkPollTimeout ({state})");
            }

            wait = options.NextBulkPollWait(wait);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>(sf__Id or the Id column, sf__Error) of each row of a result set.</summary>
    private async Task<List<(string Id, string Error)>> ResultsAsync(string job, string kind, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Get, $"jobs/ingest/{Uri.EscapeDataString(job)}/{kind}", null, cancellationToken, ("Accept", "text/csv")).ConfigureAwait(false);
        var (header, rows) = CsvRows.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var sfId = Column(header, "sf__Id");
        var error = Column(header, "sf__Error");
        var id = Column(header, "Id");
        return [.. rows.Select(row => (
            Cell(row, sfId) is { Length: > 0 } found ? found : Cell(row, id),
            Cell(row, error)))];
    }

    private static int Column(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Cell(string[] row, int index) => index >= 0 && index < row.Length ? row[index] : string.Empty;

    /// <summary>The sent record for a result id, 15- or 18-character (keyed by the case-sensitive 15-character form).</summary>
    private static RecordUpdate? Match(Dictionary<string, RecordUpdate> byId, string id) =>
        id.Length is 15 or 18 && byId.TryGetValue(id[..15], out var update) ? update : null;

    /// <summary><c>sf__Error</c> is <c>CODE:message[:fields] --</c> (salesforce.md §4a step 5).</summary>
    internal static SalesforceError ParseError(string text)
    {
        text = text.Trim();
        if (text.EndsWith("--", StringComparison.Ordinal))
        {
            text = text[..^2].TrimEnd();
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && text[..colon].All(c => char.IsAsciiLetterUpper(c) || c == '_')
            ? new SalesforceError(text[..colon], text[(colon + 1)..])
            : new SalesforceError("UNKNOWN", text.Length > 0 ? text : "The record failed and no error was given.");
    }
}
