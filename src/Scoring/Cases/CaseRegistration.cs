using System.Globalization;
using System.Text;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Registry;
using CrmExtensions.Scoring.Storage;
using Microsoft.ML;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Trains a case model from the store and registers the version as champion or challenger. The people-labelled
/// cases are split by a stable hash of the record id (so a case is in the hold-out in every run and no version
/// ever trains on it); the new version and the current champion are both measured on the same hold-out rows. The
/// new version becomes the champion when its macro-F1 is not worse than the champion's, or when its auto tier is
/// not worse on both precision and coverage; otherwise it is registered as challenger with the reason.
/// </summary>
public static class CaseRegistration
{
    /// <summary>Share of people-labelled cases held out, in percent (by record-id hash).</summary>
    public const int HoldoutPercent = 20;

    private const double Tolerance = 1e-9;

    /// <summary>Trains on the store's people-labelled cases and registers the version.</summary>
    /// <exception cref="NotEnoughCasesException">Too few people-labelled cases outside the hold-out.</exception>
    public static async Task<CaseRegistrationResult> TrainAndRegisterAsync(
        IRecordStore records, IOutputStore outputs, IModelRegistry registry, OrgId org, CaseSpec spec, ChampionPolicy? policy = null,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(spec);
        policy ??= new ChampionPolicy();
        time ??= TimeProvider.System;
        var labels = await CaseCategoriser.ReadLabelsAsync(records, outputs, org, spec, cancellationToken);
        var labelled = labels.Cases.Where(c => c.Label.IsTrainingLabel).ToArray();
        var holdout = labelled.Where(c => InHoldout(c.Record.Id)).ToArray();
        var fit = labelled.Where(c => !InHoldout(c.Record.Id)).ToArray();

        var training = CaseTrainer.Train([.. fit.Select(c => spec.InputOf(c.Record))], [.. fit.Select(c => c.Label.Category)], spec.Classifier, cancellationToken);
        var inputs = holdout.Select(c => spec.InputOf(c.Record)).ToArray();
        var actual = holdout.Select(c => c.Label.Category).ToArray();
        var languages = inputs.Select(i => ScriptLanguage.Detect(i.CleanText())).ToArray();
        var predictions = training.Classifier.Predict(inputs);
        var metrics = CaseEvaluation.Evaluate(predictions, actual, languages, $"record-id hash, {HoldoutPercent}% hold-out", training.TrainingCases);
        var mine = CaseEvaluation.Figures([.. Enumerable.Range(0, holdout.Length)], predictions, actual);

        var versions = await registry.ListAsync(org, spec.Name, cancellationToken);
        var champion = versions.FirstOrDefault(v => v.Status == ModelStatus.Champion);
        CaseFigures? theirs = null;
        bool promote;
        string reason;
        if (champion is null)
        {
            promote = true;
            reason = "the first version of this model";
        }
        else if (holdout.Length == 0)
        {
            promote = false;
            reason = $"not comparable: no people-labelled case falls in the hold-out; champion v{champion.Version} kept";
        }
        else
        {
            var old = CaseModelArtifact.Load(await registry.ReadArtifactAsync(org, spec.Name, champion.Version, cancellationToken));
            theirs = CaseEvaluation.Figures([.. Enumerable.Range(0, holdout.Length)], old.Predict(inputs), actual);
            (promote, reason) = Compare(mine, theirs, champion.Version, holdout.Length);
            if (!promote && policy.MaximumChampionAge is { } age && champion.TrainedAt < time.GetUtcNow() - age)
            {
                promote = true;
                reason += Invariant($"; promoted anyway: the champion is older than {age.TotalDays:0} days");
            }
        }

        var registered = await registry.RegisterAsync(new RegisteredModel
        {
            Org = org,
            Name = spec.Name,
            Kind = ModelKind.Multiclass,
            Status = promote ? ModelStatus.Champion : ModelStatus.Challenger,
            StatusReason = reason,
            TrainedAt = time.GetUtcNow(),
            Rows = training.TrainingCases,
            MlNetVersion = typeof(MLContext).Assembly.GetName().Version?.ToString() ?? "unknown",
            Metrics = metrics,
        }, CaseModelArtifact.ToBytes(training.Classifier), cancellationToken);
        var decision = new ChampionDecision(registered, promote, reason, mine.F1, theirs?.F1);
        return new CaseRegistrationResult(decision, training, labels, mine, theirs);
    }

    /// <summary>True when the case with this id is in the hold-out (stable across runs and processes).</summary>
    public static bool InHoldout(string recordId)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        // FNV-1a over the lower-cased id: string.GetHashCode is randomised per process.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(recordId.ToLowerInvariant()))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash % 100 < HoldoutPercent;
    }

    /// <summary>The promotion rule: macro-F1 not worse, or auto precision and auto share both not worse.</summary>
    public static (bool Promote, string Reason) Compare(CaseFigures challenger, CaseFigures champion, int championVersion, int rows)
    {
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(champion);
        var f1Ok = challenger.F1 >= champion.F1 - Tolerance;
        var f1 = Invariant($"macro-F1 {challenger.F1:F4} {(f1Ok ? "≥" : "<")} champion v{championVersion}'s {champion.F1:F4} on the same {rows} hold-out cases");
        if (f1Ok)
        {
            return (true, f1);
        }

        var autoOk = !double.IsNaN(challenger.AutoPrecision)
            && (double.IsNaN(champion.AutoPrecision) || challenger.AutoPrecision >= champion.AutoPrecision - Tolerance)
            && challenger.AutoShare >= champion.AutoShare - Tolerance;
        var auto = Invariant($"auto tier precision {Show(challenger.AutoPrecision)} at {challenger.AutoShare:P1} of cases vs the champion's {Show(champion.AutoPrecision)} at {champion.AutoShare:P1}");
        return autoOk
            ? (true, $"{f1}, but {auto}: not worse")
            : (false, $"{f1} and {auto}: worse; champion v{championVersion} kept");
    }

    private static string Show(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A case model training run: the registry decision, the training result, the labels read and both figures on the hold-out.</summary>
/// <param name="Decision">Champion or challenger, with the reason.</param>
/// <param name="Training">The trained classifier and its notes.</param>
/// <param name="Labels">Every case read, with its label's provenance.</param>
/// <param name="Holdout">The new version's figures on the hold-out.</param>
/// <param name="ChampionHoldout">The previous champion's figures on the same cases; null when there was none.</param>
public sealed record CaseRegistrationResult(ChampionDecision Decision, CaseTrainingResult Training, CaseLabelSet Labels, CaseFigures Holdout, CaseFigures? ChampionHoldout);
