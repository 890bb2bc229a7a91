using CrmExtensions.Connectors.Common.Http;
using CrmExtensions.Connectors.Salesforce.Auth;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CrmExtensions.Connectors.Salesforce.Http;

/// <summary>
/// Builds the handler chain: bearer token and one re-authentication on 401 (salesforce.md §1d) → retries of transient
/// failures (5xx, timeouts, the concurrent-request 403 of §5; never the daily-limit 403) → per-attempt timeout →
/// whole body read (a reset mid-page is retried) → <c>Sforce-Limit-Info</c> reading → the transport.
/// </summary>
internal static class HttpPipeline
{
    public static HttpMessageHandler Build(SalesforceOptions options, TokenProvider tokens, HttpMessageHandler transport, bool ownsTransport, ApiUsage usage)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                ShouldHandle = async args => options.MaxRetries > 0 && await IsTransientAsync(args.Outcome, usage).ConfigureAwait(false),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
        var wire = new LimitInfoHandler(usage) { InnerHandler = ownsTransport ? transport : new SharedTransportHandler(transport) };
        return new AuthenticationHandler(tokens, usage)
        {
            InnerHandler = new ResilienceHandler(pipeline) { InnerHandler = new BufferingHandler(wire) },
        };
    }

    private static async ValueTask<bool> IsTransientAsync(Outcome<HttpResponseMessage> outcome, ApiUsage usage)
    {
        if (outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return true;
        }

        if (outcome.Result is not { IsSuccessStatusCode: false } response || (int)response.StatusCode == 401)
        {
            return false;
        }

        // The body is buffered (BufferingHandler), so reading it here leaves it readable for the caller.
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return FailureClassifier.Classify((int)response.StatusCode, SalesforceError.Parse(body), usage.Budget.Reached(1)) == FailureKind.Transient;
    }
}
