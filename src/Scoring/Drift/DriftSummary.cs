using System.Globalization;

namespace CrmExtensions.Scoring.Drift;

/// <summary>The line a scoring run's status shows about drift.</summary>
public static class DriftSummary
{
    /// <summary>"No drift (largest PSI 0.04 on budget)" or "Drifted: budget (PSI 0.61), source (PSI 0.27)".</summary>
    public static string Describe(IReadOnlyList<FeatureDrift> drift)
    {
        ArgumentNullException.ThrowIfNull(drift);
        if (drift.Count == 0)
        {
            return "No drift measured (no fields in common with the training data)";
        }

        var drifted = drift.Where(d => d.Drifted).OrderByDescending(d => d.Psi).ToList();
        if (drifted.Count == 0)
        {
            var largest = drift.MaxBy(d => d.Psi)!;
            return string.Create(CultureInfo.InvariantCulture, $"No drift (largest PSI {largest.Psi:F2} on {largest.Field})");
        }

        return "Drifted: " + string.Join(", ", drifted.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Field} (PSI {d.Psi:F2})")));
    }
}
