using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Connectors.Salesforce.Http;
using CrmExtensions.Connectors.Salesforce.Metadata;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Reading;

/// <summary>
/// A Bulk API 2.0 query job (salesforce.md §4b): <c>POST jobs/query</c> with <c>queryAll</c>, poll <c>GET jobs/query/{id}</c>
/// until <c>JobComplete</c> (with a timeout), then <c>GET …/results?locator=&amp;maxRecords=</c> CSV sets until
/// <c>Sforce-Locator</c> is the literal <c>null</c>. Same API version throughout (§4b: another one answers 409).
/// </summary>
internal sealed class BulkQuery(SalesforceHttp http, SalesforceOptions options, TimeProvider time)
{
    public async Task<string> StartAsync(string soql, CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { operation = "queryAll", query = soql }), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(HttpMethod.Post, "jobs/query", content, cancellationToken).ConfigureAwait(false);
        using var job = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
        var id = job.RootElement.GetProperty("id").GetString()!;
        var deadline = time.GetUtcNow() + options.BulkPollTimeout;
        var wait = TimeSpan.Zero;
        while (true)
        {
            using var state = await http.GetJsonAsync($"jobs/query/{Uri.EscapeDataString(id)}", cancellationToken).ConfigureAwait(false);
            switch (state.RootElement.GetProperty("state").GetString())
            {
                case "JobComplete":
                    return id;
                case "Failed" or "Aborted":
                    var why = state.RootElement.TryGetProperty("errorMessage", out var m) ? m.GetString() : null;
                    throw new SalesforceException(FailureKind.System, 0, "BULK_JOB_FAILED", $"Bulk query job {id} ended {state.RootElement.GetProperty("state").GetString()}: {why}".TrimEnd(' ', ':'));
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new SalesforceException(FailureKind.Transient, 0, "BULK_JOB_TIMEOUT",
                    $"Bulk query job {id} did not complete within {SalesforceOptions.Section}:BulkPollTimeout.");
            }

            wait = options.NextBulkPollWait(wait);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True while the job can still serve its results.</summary>
    public async Task<bool> ExistsAsync(string job, CancellationToken cancellationToken)
    {
        try
        {
            using var state = await http.GetJsonAsync($"jobs/query/{Uri.EscapeDataString(job)}", cancellationToken).ConfigureAwait(false);
            return state.RootElement.GetProperty("state").GetString() == "JobComplete";
        }
        catch (SalesforceException error) when (error.Status == 404)
        {
            return false;
        }
    }

    /// <summary>One result set from <paramref name="locator"/> (null = the first); returns its rows as JSON objects and the next locator.</summary>
    public async Task<(List<JsonElement> Rows, string? Next)> ResultsAsync(string job, string? locator, ObjectInfo info, CancellationToken cancellationToken)
    {
        var path = $"jobs/query/{Uri.EscapeDataString(job)}/results?maxRecords={options.PageSize.ToString(CultureInfo.InvariantCulture)}"
            + (locator is null ? string.Empty : "&locator=" + Uri.EscapeDataString(locator));
        using var response = await http.SendAsync(HttpMethod.Get, path, null, cancellationToken, ("Accept", "text/csv")).ConfigureAwait(false);
        var next = response.Headers.TryGetValues("Sforce-Locator", out var values) ? values.FirstOrDefault() : null;
        var (header, rows) = CsvRows.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var fields = header.Select(info.Field).ToList();
        return ([.. rows.Select(row => Json(header, fields, row))], next is null or "null" ? null : next);
    }

    /// <summary>
    /// A CSV row as the JSON a REST query returns, so one mapper makes identical records from both: an empty cell is
    /// null (Bulk CSV has no empty string), numbers and booleans are JSON numbers and booleans.
    /// </summary>
    private static JsonElement Json(IReadOnlyList<string> header, List<FieldInfo?> fields, string[] row)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            for (var i = 0; i < header.Count && i < row.Length; i++)
            {
                var value = row[i];
                w.WritePropertyName(header[i]);
                if (value.Length == 0)
                {
                    w.WriteNullValue();
                }
                else if (fields[i]?.Type is FieldType.Number or FieldType.Money && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    w.WriteNumberValue(number);
                }
                else if ((fields[i]?.Type == FieldType.Bool || header[i] == "IsDeleted") && bool.TryParse(value, out var flag))
                {
                    w.WriteBooleanValue(flag);
                }
                else
                {
                    w.WriteStringValue(value);
                }
            }

            w.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(buffer.ToArray());
        return doc.RootElement.Clone();
    }
}
