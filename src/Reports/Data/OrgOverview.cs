using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Reports.Data;

/// <summary>What the overview shows for one CRM org.</summary>
/// <param name="Org">The org.</param>
/// <param name="LastRuns">The last run of each job, by job name.</param>
/// <param name="RecordsPerEntity">Live (not deleted) records in the store per synced entity.</param>
/// <param name="LastSync">The newest sync run, or null when none ran.</param>
/// <param name="SyncApiCalls">API calls of the last sync of each entity added up, or null when no sync recorded them.</param>
/// <param name="WriteBackApiCalls">Writer calls of the last write-back of each table added up, or null when none ran.</param>
/// <param name="WriteBack">Records per write-back outcome over the last write-back of each table.</param>
/// <param name="LastFailure">The newest failed run, or null.</param>
/// <param name="LastBudget">
/// The newest run that recorded the CRM's daily API allocation (<c>apiBudgetUsed</c>, <c>apiBudgetMax</c>: Salesforce
/// syncs), or null when none did.
/// </param>
public sealed record OrgOverview(
    OrgId Org,
    IReadOnlyList<RunRow> LastRuns,
    IReadOnlyList<EntityCount> RecordsPerEntity,
    JobRun? LastSync,
    long? SyncApiCalls,
    long? WriteBackApiCalls,
    IReadOnlyList<OutcomeCount> WriteBack,
    JobRun? LastFailure,
    JobRun? LastBudget = null)
{
    /// <summary>Count names of the allocation, as sync jobs record them (CrmExtensions.Jobs.ApiMeter).</summary>
    public const string BudgetUsed = "apiBudgetUsed", BudgetMax = "apiBudgetMax";
}
