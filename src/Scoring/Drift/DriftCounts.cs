namespace CrmExtensions.Scoring.Drift;

/// <summary>
/// The bin counts a <see cref="DriftMeter"/> gathered, per field: what a shard of a sharded scoring run keeps, so the
/// shards' counts add up to the counts of the whole run and its PSI is exactly the unsharded one.
/// </summary>
/// <param name="Fields">Per field: its name, the rows counted and the count in each bin (baseline bin order).</param>
public sealed record DriftCounts(IReadOnlyList<FieldCounts> Fields);

/// <summary>One field's bin counts.</summary>
/// <param name="Field">The field.</param>
/// <param name="Rows">Rows counted.</param>
/// <param name="Bins">Rows per bin.</param>
public sealed record FieldCounts(string Field, long Rows, IReadOnlyList<double> Bins);
