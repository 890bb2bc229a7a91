using System.Text.Json;
using System.Text.Json.Nodes;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Evaluation;

/// <summary>
/// Top features of a tabular model on its hold-out rows: each row's contribution of every field (the same per-field
/// sums the reasons show; trees along the decision path, linear weight × standardised input) is taken in absolute
/// value and averaged over the rows; a field's importance is its share of the total. Computed on rows the model did
/// not train on, like every other figure.
/// </summary>
internal static class FeatureImportance
{
    /// <summary>Fields stored, most important first.</summary>
    public const int Stored = 15;

    public static IReadOnlyList<FieldImportance> OnHoldout(TabularModel model, IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        var plans = model.Features.Plans;
        var totals = new double[plans.Length];
        foreach (var x in rows)
        {
            var contributions = new double[x.Length];
            model.Explain(x, contributions);
            for (var p = 0; p < plans.Length; p++)
            {
                double sum = 0;
                for (var j = plans[p].FirstSlot; j < plans[p].FirstSlot + plans[p].SlotCount; j++)
                {
                    sum += contributions[j];
                }

                totals[p] += Math.Abs(sum);
            }
        }

        var all = totals.Sum();
        if (rows.Count == 0 || !(all > 0))
        {
            return [];
        }

        return [.. plans.Select((plan, p) => new FieldImportance(plan.Name, totals[p] / all))
            .Where(f => f.Importance > 0).OrderByDescending(f => f.Importance).ThenBy(f => f.Name, StringComparer.Ordinal).Take(Stored)];
    }

    /// <summary>The metrics with <c>topFeatures</c> added to their details (other details kept as they are).</summary>
    public static ModelMetrics With(ModelMetrics metrics, IReadOnlyList<FieldImportance> top)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(top);
        if (top.Count == 0)
        {
            return metrics;
        }

        var details = metrics.Details is { ValueKind: JsonValueKind.Object } d ? JsonNode.Parse(d.GetRawText())!.AsObject() : [];
        details["topFeatures"] = JsonSerializer.SerializeToNode(top, JsonDefaults.Options);
        return metrics with { Details = JsonSerializer.SerializeToElement(details, JsonDefaults.Options) };
    }
}
