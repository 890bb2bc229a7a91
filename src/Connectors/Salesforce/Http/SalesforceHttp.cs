using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using CrmExtensions.Connectors.Salesforce.Auth;

namespace CrmExtensions.Connectors.Salesforce.Http;

/// <summary>
/// Sends REST requests to the session's <c>instance_url</c> under <c>/services/data/vXX.X/</c>, stops before a request
/// once the API budget reached its configured share, and turns failures into <see cref="SalesforceException"/>.
/// </summary>
internal sealed class SalesforceHttp(HttpClient client, TokenProvider tokens, SalesforceOptions options, ApiUsage usage, TimeProvider time)
{
    public ApiUsage Usage => usage;

    public TokenProvider Tokens => tokens;

    /// <summary><c>/services/data/vXX.X/</c>.</summary>
    public string DataPath => $"/services/data/v{options.ApiVersion}/";

    /// <summary>The absolute URL of a path under the data path (<c>query?q=…</c>) or from the instance root (<c>/services/…</c>, e.g. a nextRecordsUrl).</summary>
    public async Task<Uri> UrlAsync(string path, CancellationToken cancellationToken)
    {
        var session = await tokens.GetAsync(false, cancellationToken).ConfigureAwait(false);
        var root = session.InstanceUrl.ToString().TrimEnd('/');
        return new Uri(root + (path.StartsWith('/') ? path : DataPath + path));
    }

    public async Task<JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken, headers).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"GET {PathOf(path)} answered with a body that is not JSON.", error);
        }
    }

    /// <summary>Sends a request; returns the response when it succeeded, throws <see cref="SalesforceException"/> otherwise.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        EnsureBudget();
        using var request = new HttpRequestMessage(method, await UrlAsync(path, cancellationToken).ConfigureAwait(false)) { Content = content };
        if (!headers.Any(h => h.Name == "Accept"))
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw new SalesforceException(FailureKind.Transient, 0, string.Empty, $"{method} {PathOf(path)} timed out after the configured retries ({error.GetType().Name}).");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var error = SalesforceError.Parse(body);
            var status = (int)response.StatusCode;
            var kind = FailureClassifier.Classify(status, error, usage.Budget.Reached(1));
            if (kind == FailureKind.Budget)
            {
                throw Partial($"DailyApiRequests is spent ({status} {error.Code})");
            }

            throw new SalesforceException(kind, status, error.Code, $"{method} {PathOf(path)} failed with {status} {error.Code}: {error.Message}".Replace("  ", " ", StringComparison.Ordinal));
        }
    }

    /// <summary>Throws the partial-run stop once the used share of DailyApiRequests reached the configured share.</summary>
    public void EnsureBudget()
    {
        if (usage.Budget.Reached(options.BudgetShare))
        {
            throw Partial(string.Create(CultureInfo.InvariantCulture,
                $"the API budget reached {usage.Budget.Used}/{usage.Budget.Max} DailyApiRequests, the configured share {options.BudgetShare:P0} ({SalesforceOptions.Section}:BudgetShare)"));
        }
    }

    private SalesforceException Partial(string why)
    {
        var resume = time.GetUtcNow().Add(options.BudgetResumeAfter);
        return new SalesforceException(FailureKind.Budget, 403, FailureClassifier.RequestLimitExceeded,
            string.Create(CultureInfo.InvariantCulture, $"partial: resumes at {resume:yyyy-MM-dd HH:mm} UTC: {why}."));
    }

    /// <summary>The path without its query string (SOQL stays out of messages).</summary>
    private static string PathOf(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? path : path[..q];
    }
}
