namespace CrmExtensions.Sandbox;

/// <summary>
/// Probabilities of injected faults, drawn from a generator seeded with <see cref="Seed"/> so a failing run replays.
/// Settable at start and through <c>PUT /_sandbox/faults</c>.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Seed of the fault generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Probability of a 429 with Retry-After (error 0x80072322).</summary>
    public double TooManyRequests { get; init; }

    /// <summary>Probability of a 500 Internal Server Error.</summary>
    public double InternalServerError { get; init; }

    /// <summary>Probability of a 503 Service Unavailable.</summary>
    public double ServiceUnavailable { get; init; }

    /// <summary>Probability of added latency.</summary>
    public double Latency { get; init; }

    /// <summary>Latency added when <see cref="Latency"/> fires.</summary>
    public int LatencyMilliseconds { get; init; } = 200;

    /// <summary>Probability that a collection page is cut off mid-body (connection reset).</summary>
    public double ConnectionReset { get; init; }

    /// <summary>Probability that a valid access token is treated as expired (401).</summary>
    public double TokenExpiry { get; init; }

    /// <summary>Probability that a valid delta token is treated as expired.</summary>
    public double DeltaTokenExpiry { get; init; }

    /// <summary>Probability that one request inside a $batch fails with 500.</summary>
    public double BatchItemFailure { get; init; }
}
