namespace CrmExtensions.Sandbox.Generation;

/// <summary>
/// Hidden quantities behind the outcomes (never served through an API): the part of each outcome's log-odds that is
/// computable from observable columns. Tests use it to check the documented difficulty bands (docs/sandbox-data.md).
/// </summary>
internal sealed record GenerationTruth(
    IReadOnlyDictionary<Guid, double> LeadObservableLogit,
    IReadOnlyDictionary<Guid, double> OpportunityObservableLogit,
    IReadOnlyDictionary<Guid, bool> AccountChurned,
    IReadOnlyDictionary<Guid, double[]> AccountTaste,
    OutcomeModel Outcomes);
