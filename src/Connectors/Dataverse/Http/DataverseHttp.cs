using System.Net.Http.Headers;
using System.Text.Json;

namespace CrmExtensions.Connectors.Dataverse.Http;

/// <summary>Sends Web API requests with the headers dataverse.md §0 asks for, and turns failures into <see cref="DataverseException"/>.</summary>
internal sealed class DataverseHttp(HttpClient client, Uri apiRoot)
{
    public Uri ApiRoot => apiRoot;

    /// <summary>GETs a JSON document; throws <see cref="DataverseException"/> on a failure status.</summary>
    public async Task<JsonDocument> GetJsonAsync(Uri url, IEnumerable<string> prefer, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, url, prefer, null, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException error)
        {
            // A run reports a broken page and resumes from its last stored batch rather than crashing.
            throw new InvalidDataException($"GET {url.AbsolutePath} answered with a body that is not JSON.", error);
        }
    }

    /// <summary>GETs a path relative to the API root.</summary>
    public Task<JsonDocument> GetJsonAsync(string relative, CancellationToken cancellationToken, params string[] prefer) =>
        GetJsonAsync(new Uri(apiRoot, relative), prefer, cancellationToken);

    /// <summary>Sends a request; returns the response when it succeeded, throws <see cref="DataverseException"/> otherwise.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, IEnumerable<string> prefer, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        // dataverse.md §0: JSON only, OData 4.0, and If-None-Match: null against intermediate caching.
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.TryAddWithoutValidation("If-None-Match", "null");
        foreach (var value in prefer)
        {
            request.Headers.TryAddWithoutValidation("Prefer", value);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw new DataverseException(FailureKind.Transient, 0, string.Empty, $"{method} {url.AbsolutePath} timed out after the configured retries ({error.GetType().Name}).");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var error = DataverseError.Parse(body);
            var status = (int)response.StatusCode;
            throw new DataverseException(FailureClassifier.Classify(status, error.Code), status, error.Code,
                $"{method} {url.AbsolutePath} failed with {status} {error.Code}: {error.Message}".Replace("  ", " ", StringComparison.Ordinal));
        }
    }
}
