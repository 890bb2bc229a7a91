namespace CrmExtensions.Plugins.Processing;

/// <summary>What one pass of the event worker did.</summary>
/// <param name="Claimed">Events claimed.</param>
/// <param name="Records">Distinct records they named (coalesced).</param>
/// <param name="Scored">Records scored.</param>
/// <param name="Written">Records written back.</param>
/// <param name="Deferred">Events left for a later pass (no processing target, or a failure).</param>
public sealed record EventBatchResult(int Claimed, int Records, long Scored, long Written, int Deferred);
