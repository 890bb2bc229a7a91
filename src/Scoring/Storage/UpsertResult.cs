namespace CrmExtensions.Scoring.Storage;

/// <summary>What an upsert batch did.</summary>
/// <param name="Written">Rows inserted or changed (including new tombstones).</param>
/// <param name="Unchanged">Rows identical to what was stored, or older than it (out-of-order redelivery).</param>
public sealed record UpsertResult(int Written, int Unchanged);
