namespace CrmExtensions.Reports.Data;

/// <summary>Records with one write-back outcome.</summary>
/// <param name="Outcome">The outcome as recorded (<c>Written</c>, <c>SkippedImmaterial</c>, …).</param>
/// <param name="Label">In words ("skipped: change not material").</param>
/// <param name="Records">Records with it.</param>
public sealed record OutcomeCount(string Outcome, string Label, long Records);
