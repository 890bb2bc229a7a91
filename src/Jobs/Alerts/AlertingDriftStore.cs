using System.Globalization;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs.Alerts;

/// <summary>
/// Raises <see cref="AlertKinds.Drift"/> when a scoring run's measurement has a feature at or above the PSI threshold,
/// and resolves it when a later run of the model has none. Only whole scoring runs are measured (see <c>ScoreJob</c>).
/// </summary>
public sealed class AlertingDriftStore(IDriftStore inner, IAlertSink alerts, double threshold) : IDriftStore
{
    /// <inheritdoc />
    public async Task SaveAsync(DriftMeasurement measurement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        await inner.SaveAsync(measurement, cancellationToken).ConfigureAwait(false);
        var key = new AlertKey(AlertKinds.Drift, measurement.Org.Value, $"model {measurement.Model}");
        var drifted = measurement.Features.Where(f => f.Psi >= threshold).OrderByDescending(f => f.Psi).ToList();
        if (drifted.Count == 0)
        {
            await alerts.ResolveAsync(key, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        // Field names and PSI figures only: the bins (which could hold category values) stay in the store.
        var fields = string.Join(", ", drifted.Take(5).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Field} (PSI {f.Psi:0.00})")));
        var more = drifted.Count > 5 ? $" and {drifted.Count - 5} more" : string.Empty;
        await alerts.RaiseAsync(new Alert(key.Kind, key.Org, key.Subject,
            string.Create(CultureInfo.InvariantCulture, $"version {measurement.Version} scored {measurement.Rows} rows that drifted from its baseline (the open records when it was trained, or its training rows) at PSI ≥ {threshold:0.00}: {fields}{more}; consider retraining")),
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DriftMeasurement>> ListAsync(OrgId org, string model, int limit, CancellationToken cancellationToken = default) =>
        inner.ListAsync(org, model, limit, cancellationToken);
}
