using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>The drift a scoring run measured: PSI per feature of the rows it scored against the version's training rows.</summary>
/// <param name="Org">The org.</param>
/// <param name="Model">The model (spec) name.</param>
/// <param name="Version">The version that scored.</param>
/// <param name="RunId">The scoring run's job-run id, when it ran as a job.</param>
/// <param name="MeasuredAt">When the run measured it.</param>
/// <param name="Rows">Rows scored.</param>
/// <param name="Features">PSI per feature, in the model's field order.</param>
public sealed record DriftMeasurement(
    OrgId Org, string Model, int Version, string? RunId, DateTimeOffset MeasuredAt, long Rows, IReadOnlyList<FeatureDrift> Features);
