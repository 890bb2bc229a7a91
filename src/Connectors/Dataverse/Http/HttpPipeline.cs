using System.Net;
using CrmExtensions.Connectors.Common.Http;
using CrmExtensions.Connectors.Dataverse.Auth;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CrmExtensions.Connectors.Dataverse.Http;

/// <summary>
/// Builds the handler chain: bearer token (one refresh and retry on 401) → retries of transient failures that honour
/// <c>Retry-After</c> (dataverse.md §4) → per-attempt timeout → whole body read (a reset mid-page is retried) → the transport.
/// </summary>
internal static class HttpPipeline
{
    public static HttpMessageHandler Build(DataverseOptions options, ITokenProvider tokens, HttpMessageHandler transport, bool ownsTransport, ApiUsage usage)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsTransient(args.Outcome)),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // dataverse.md §4: "wait Retry-After seconds then resend".
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
        var wire = new UsageHandler(usage, attempts: true) { InnerHandler = ownsTransport ? transport : new SharedTransportHandler(transport) };
        return new UsageHandler(usage, attempts: false)
        {
            InnerHandler = new AuthenticationHandler(tokens)
            {
                InnerHandler = new ResilienceHandler(pipeline) { InnerHandler = new BufferingHandler(wire) },
            },
        };
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
        || (outcome.Result is { } response
            && FailureClassifier.Classify((int)response.StatusCode, string.Empty) == FailureKind.Transient
            && response.StatusCode != HttpStatusCode.Unauthorized);
}
