namespace CrmExtensions.Jobs;

/// <summary>
/// A connector's running API counters, read by a job before and after its work so that the run row records the calls
/// the run made (<c>apiCalls</c>) and the CRM's daily allocation as last reported (<c>apiBudgetUsed</c>,
/// <c>apiBudgetMax</c>). Reports show API use per CRM from these counts.
/// </summary>
/// <param name="Calls">API calls the connector has made so far.</param>
/// <param name="Budget">The CRM's allocation as last reported, or null when it reports none (Dataverse) or has not answered yet.</param>
public sealed record ApiMeter(Func<long> Calls, Func<ApiBudgetReading?>? Budget = null)
{
    /// <summary>Count name of the calls a run made.</summary>
    public const string CallsCount = "apiCalls";

    /// <summary>Count name of the requests used of the CRM's daily allocation, as last reported during the run.</summary>
    public const string BudgetUsedCount = "apiBudgetUsed";

    /// <summary>Count name of the CRM's daily allocation.</summary>
    public const string BudgetMaxCount = "apiBudgetMax";

    /// <summary>Adds the calls made since <paramref name="callsBefore"/> and the budget, when reported, to a run's counts.</summary>
    public void Record(long callsBefore, IDictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        counts[CallsCount] = Calls() - callsBefore;
        if (Budget?.Invoke() is { Max: > 0, Used: >= 0 } budget)
        {
            counts[BudgetUsedCount] = budget.Used;
            counts[BudgetMaxCount] = budget.Max;
        }
    }
}
