using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>Drift per scoring run, so status pages can name drifted features and show PSI over time.</summary>
public interface IDriftStore
{
    /// <summary>Saves one run's measurement.</summary>
    Task SaveAsync(DriftMeasurement measurement, CancellationToken cancellationToken = default);

    /// <summary>The latest measurements of a model, newest first.</summary>
    Task<IReadOnlyList<DriftMeasurement>> ListAsync(OrgId org, string model, int limit, CancellationToken cancellationToken = default);
}
