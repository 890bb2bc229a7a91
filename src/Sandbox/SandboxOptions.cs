namespace CrmExtensions.Sandbox;

/// <summary>Settings of one sandbox instance (<c>crmx sandbox --port --scale --seed --orgs --state</c>).</summary>
public sealed record SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Serve HTTPS with a self-signed certificate made at start (<see cref="RunningSandbox.ServerCertificate"/>), as
    /// MSAL accepts only https authorities. Clients must trust that certificate explicitly (pin it); off by default.
    /// </summary>
    public bool Https { get; init; }

    /// <summary>Number of leads; the other tables are proportional (docs/sandbox-data.md).</summary>
    public int Scale { get; init; } = 1000;

    /// <summary>Seed of the data generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of organisations (1–9). Org 2+ are copies of org 1 with drifted data, so record ids overlap.</summary>
    public int Orgs { get; init; } = 1;

    /// <summary>
    /// Optional JSON file: when it exists the orgs are loaded from it instead of generated (Scale/Seed then only name
    /// the credentials); the state is written to it on dispose and by <see cref="RunningSandbox.SaveStateAsync"/>.
    /// </summary>
    public string? StateFile { get; init; }

    /// <summary>The "today" of the generated data (its dates lie before it). Fixed so data is reproducible.</summary>
    public DateTime DataAsOf { get; init; } = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Clock for tokens, change-tracking expiry, limits and audit columns.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Access-token lifetime (Entra ID issues ~60 min, expires_in 3599).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(3599);

    /// <summary>organization.expirechangetrackingindays (dataverse.md §2: default 7 in the 2023 doc).</summary>
    public int ChangeTrackingRetentionDays { get; init; } = 7;

    /// <summary>Webhook delivery timeout (dataverse.md §6: 60 s).</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Payload size above which images and parameters are dropped (dataverse.md §6: 256 KB).</summary>
    public int WebhookMaxPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>Variants of behaviours the protocol notes mark UNVERIFIED.</summary>
    public DataverseVariants Variants { get; init; } = new();

    /// <summary>Salesforce API settings and variants (issue 8).</summary>
    public SalesforceSettings Salesforce { get; init; } = new();

    /// <summary>Service-protection limits.</summary>
    public ServiceProtectionLimits Limits { get; init; } = new();

    /// <summary>Initial fault probabilities (all zero by default).</summary>
    public FaultSettings Faults { get; init; } = new();
}
