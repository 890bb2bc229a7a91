using System.Globalization;
using System.Text.Json;
using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Scores;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;
using Microsoft.ML;

namespace CrmExtensions.Scoring.Registry;

/// <summary>
/// Registers each training run as a new version and decides champion or challenger by scoring the current
/// champion on the challenger's own hold-out records, so both figures come from the same rows.
/// </summary>
public static class ChampionSelector
{
    /// <summary>Registers <paramref name="result"/> for <paramref name="org"/> as champion or challenger, with the reason.</summary>
    public static async Task<ChampionDecision> RegisterAsync(
        IModelRegistry registry, OrgId org, SpecTrainingResult result, ChampionPolicy? policy = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(result);
        policy ??= new ChampionPolicy();
        time ??= TimeProvider.System;
        var binary = result.Kind == ModelKind.Binary;
        var metricName = binary ? "AUC" : "RMSE";
        var challenger = Figure(ScoringModel.Load(result.Artifact), result);
        var versions = await registry.ListAsync(org, result.Name, cancellationToken);
        var champion = versions.FirstOrDefault(v => v.Status == ModelStatus.Champion);
        double? championFigure = null;
        bool promote;
        string reason;
        if (champion is null)
        {
            promote = true;
            reason = "the first version of this model";
        }
        else
        {
            var artifact = await registry.ReadArtifactAsync(org, result.Name, champion.Version, cancellationToken);
            championFigure = Figure(ScoringModel.Load(artifact), result);
            var rows = result.Holdout.Count.ToString(CultureInfo.InvariantCulture);
            var old = policy.MaximumChampionAge is { } age && champion.TrainedAt < time.GetUtcNow() - age;
            if (double.IsNaN(challenger) || double.IsNaN(championFigure.Value))
            {
                promote = false;
                reason = $"not comparable: the hold-out ({rows} rows) cannot measure {metricName}; champion v{champion.Version} kept";
            }
            else
            {
                var ok = binary ? challenger >= policy.MinimumRatio * championFigure.Value : challenger <= championFigure.Value / policy.MinimumRatio;
                var relation = binary ? (ok ? "≥" : "<") : (ok ? "≤" : ">");
                var bound = binary ? $"{policy.MinimumRatio:0.##} × champion v{champion.Version}'s {championFigure:F4}" : $"champion v{champion.Version}'s {championFigure:F4} / {policy.MinimumRatio:0.##}";
                reason = Invariant($"{metricName} {challenger:F4} {relation} {bound} on the same {rows} hold-out rows");
                promote = ok || old;
                if (!ok && old)
                {
                    reason += Invariant($"; promoted anyway: the champion is older than {policy.MaximumChampionAge!.Value.TotalDays:0} days");
                }
            }
        }

        var model = new RegisteredModel
        {
            Org = org,
            Name = result.Name,
            Kind = result.Kind,
            Status = promote ? ModelStatus.Champion : ModelStatus.Challenger,
            StatusReason = reason,
            TrainedAt = time.GetUtcNow(),
            Rows = result.TrainRows,
            MlNetVersion = typeof(MLContext).Assembly.GetName().Version?.ToString() ?? "unknown",
            Metrics = result.Metrics ?? new ModelMetrics
            {
                Kind = result.Kind, Split = "none", TrainRows = result.TrainRows, HoldoutRows = result.Holdout.Count,
                Values = new Dictionary<string, double>(), Details = JsonSerializer.SerializeToElement(new { status = result.StatusMessage }),
            },
        };
        var registered = await registry.RegisterAsync(model, result.Artifact, cancellationToken);
        return new ChampionDecision(registered, promote, reason, challenger, championFigure);
    }

    /// <summary>
    /// Registers a batch model (segments, recommendations) whose outputs are produced at training time: the new version
    /// is the champion at once (its outputs are already the ones stored), with <paramref name="reason"/> saying how it
    /// measured against its baselines.
    /// </summary>
    public static Task<RegisteredModel> RegisterBatchAsync(
        IModelRegistry registry, OrgId org, string name, ModelMetrics metrics, long rows, string reason, ReadOnlyMemory<byte> artifact,
        TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        return registry.RegisterAsync(new RegisteredModel
        {
            Org = org,
            Name = name,
            Kind = metrics.Kind,
            Status = ModelStatus.Champion,
            StatusReason = reason,
            TrainedAt = time.GetUtcNow(),
            Rows = rows,
            MlNetVersion = typeof(MLContext).Assembly.GetName().Version?.ToString() ?? "unknown",
            Metrics = metrics,
        }, artifact, cancellationToken);
    }

    /// <summary>Makes the most recent retired version before the current champion the champion again (<c>crmx models rollback</c>).</summary>
    public static async Task<RegisteredModel> RollbackAsync(IModelRegistry registry, OrgId org, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var versions = await registry.ListAsync(org, name, cancellationToken);
        var champion = versions.FirstOrDefault(v => v.Status == ModelStatus.Champion)
            ?? throw new InvalidOperationException($"Model '{name}' has no champion to roll back from.");
        var previous = versions.Where(v => v.Status == ModelStatus.Retired && v.Version < champion.Version).MaxBy(v => v.Version)
            ?? throw new InvalidOperationException($"Model '{name}' has no earlier version to roll back to.");
        await registry.PromoteAsync(org, name, previous.Version, $"rolled back from v{champion.Version}", cancellationToken);
        return previous;
    }

    private static double Figure(ScoringModel model, SpecTrainingResult result)
    {
        if (result.Holdout.Count == 0)
        {
            return double.NaN;
        }

        var scores = model.Score(result.Holdout, result.HoldoutAsOf).Select(s => s.Score).ToArray();
        return result.Kind == ModelKind.Binary
            ? BinaryEvaluation.Auc(scores, [.. result.HoldoutLabels.Select(l => l > 0.5)])
            : RegressionEvaluation.Rmse(scores, result.HoldoutLabels);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
