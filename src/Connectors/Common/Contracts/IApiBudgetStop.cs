namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>
/// Implemented by a connector's exception that can mean "the org's API budget is spent": a sync stopped by it is
/// recorded as partial (it resumes from its cursor) rather than failed.
/// </summary>
public interface IApiBudgetStop
{
    /// <summary>True when the API budget stopped the call.</summary>
    bool BudgetSpent { get; }
}
