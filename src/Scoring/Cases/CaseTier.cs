namespace CrmExtensions.Scoring.Cases;

/// <summary>How far a predicted category may be trusted (labels match <c>OutputCatalogue.Tiers</c>).</summary>
public enum CaseTier
{
    /// <summary>Precise enough to apply without a person (validation precision ≥ the auto-apply target).</summary>
    Auto,

    /// <summary>Shown to the agent as a suggestion (validation precision ≥ the suggest target).</summary>
    Suggest,

    /// <summary>The model abstains: "Needs review".</summary>
    Review,
}
