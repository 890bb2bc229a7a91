using System.Text.Json;
using System.Text.Json.Serialization;
using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Segmentation;

namespace CrmExtensions.Reports.Data;

/// <summary>
/// The structured detail of a metrics document that the pages chart. A list is empty when the document does not
/// hold it (older versions, other kinds) or holds it in a shape this version does not read: the pages then say
/// "not recorded" instead of drawing anything.
/// </summary>
public sealed record MetricsDetails(
    IReadOnlyList<CalibrationBin> Calibration,
    IReadOnlyList<RocPoint> Roc,
    IReadOnlyList<DecileLift> Deciles,
    IReadOnlyList<RegressionBin> PredictedVsActual,
    IReadOnlyList<FeatureWeight> TopFeatures,
    IReadOnlyList<DriftPoint> Drift,
    IReadOnlyList<SegmentProfile> Profiles,
    IReadOnlyList<CaseGroup> PerCategory,
    IReadOnlyList<CaseGroup> PerLanguage)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads what it knows from a metrics document's details.</summary>
    public static MetricsDetails From(ModelMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var details = metrics.Details is { ValueKind: JsonValueKind.Object } d ? d : default;
        return new MetricsDetails(
            Read<CalibrationBin>(details, "calibration"),
            Read<RocPoint>(details, "roc"),
            Read<DecileLift>(details, "deciles"),
            Read<RegressionBin>(details, "predictedVsActual"),
            Read<FeatureWeight>(details, "topFeatures"),
            Read<DriftPoint>(details, "drift"),
            Read<SegmentProfile>(details, "profiles"),
            Groups(details, "perCategory", "category"),
            Groups(details, "perLanguage", "language"));
    }

    // Case models store [{ "category": "…", "figures": { "cases", "precision", … } }]; an undefined figure is null.
    private static CaseGroup[] Groups(JsonElement details, string name, string key)
    {
        if (details.ValueKind != JsonValueKind.Object || !details.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var groups = new List<CaseGroup>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(key, out var label) || label.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("figures", out var f) || f.ValueKind != JsonValueKind.Object)
            {
                // A shape this version does not know is shown as not recorded rather than breaking the page.
                return [];
            }

            groups.Add(new CaseGroup(
                label.GetString()!, (int)(Number(f, "cases") ?? 0), Number(f, "precision"), Number(f, "recall"), Number(f, "f1"),
                Number(f, "autoShare"), Number(f, "suggestShare"), Number(f, "abstainShare"), Number(f, "correctionRate")));
        }

        return [.. groups];
    }

    private static double? Number(JsonElement figures, string name) =>
        figures.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() is var d && double.IsFinite(d) ? d : null;

    private static T[] Read<T>(JsonElement details, string name)
    {
        if (details.ValueKind != JsonValueKind.Object || !details.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        try
        {
            return value.Deserialize<T[]>(Json) ?? [];
        }
        catch (JsonException)
        {
            // A shape this version does not know is shown as not recorded rather than breaking the page.
            return [];
        }
    }
}
