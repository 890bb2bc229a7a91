namespace CrmExtensions.Scoring.Segmentation;

/// <summary>The behavioural features every customer gets, in feature-vector order.</summary>
public enum RfmFeature
{
    /// <summary>Days since the last purchase (as of the day after the newest transaction).</summary>
    RecencyDays,

    /// <summary>Distinct purchase occasions (invoices, or days when there is no invoice column); cancellations do not count.</summary>
    Frequency,

    /// <summary>Net spend in base currency after refunds and cancellations, never below 0.</summary>
    Monetary,

    /// <summary>Days since the first purchase.</summary>
    TenureDays,
}
