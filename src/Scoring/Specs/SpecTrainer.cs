using System.Globalization;
using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Features;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Scores;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// Trains a spec on canonical records: labelled (closed) records only; the newest <c>HoldoutFraction</c> by the
/// spec's time field form the hold-out (stratified when records carry no such date); features are fitted and the
/// model trained on the rest; every metric is measured on the hold-out. Below the spec's minimum per class the
/// transparent prior is fitted instead and the status says what is missing.
/// </summary>
public static class SpecTrainer
{
    /// <summary>Trains with labels taken from the spec's label field.</summary>
    public static SpecTrainingResult Train(ModelSpec spec, IReadOnlyList<CrmRecord> records, SpecTrainingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(records);
        var own = records.Where(r => !r.Deleted && string.Equals(r.Entity, spec.Entity, StringComparison.OrdinalIgnoreCase)).ToList();
        return Train(spec, own, [.. own.Select(r => SpecLabels.Of(spec, r))], options, null, cancellationToken);
    }

    /// <summary>Trains with explicit labels (NaN = not labelled), e.g. point-in-time labels from <see cref="PointInTimeDataset"/>.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="records">The records, aligned with <paramref name="labels"/>.</param>
    /// <param name="labels">1/0 (binary) or the value (regression); NaN for records not to train on.</param>
    /// <param name="options">Run settings.</param>
    /// <param name="asOf">The time every record is measured at (a point-in-time cut-off); when null, each record's decision time.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    public static SpecTrainingResult Train(
        ModelSpec spec, IReadOnlyList<CrmRecord> records, IReadOnlyList<double> labels, SpecTrainingOptions? options = null, DateTimeOffset? asOf = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new SpecTrainingOptions();
        var labelled = Enumerable.Range(0, records.Count).Where(i => !double.IsNaN(labels[i])).ToArray();
        var binary = spec.Kind == ModelKind.Binary;
        var y = labelled.Select(i => labels[i]).ToArray();
        var all = Enumerable.Range(0, labelled.Length).ToArray();
        var time = spec.TimeField is { } tf ? labelled.Select(i => RecordTable.Number(records[i][tf])).ToArray() : null;
        var timed = time is not null && time.Count(t => !double.IsNaN(t)) >= 0.9 * Math.Max(time.Length, 1);
        var (trainIdx, holdIdx) = timed
            ? Splits.ByTime([.. time!.Select(t => double.IsNaN(t) ? double.MinValue : t)], all, options.HoldoutFraction)
            : binary ? Splits.Stratified([.. y.Select(v => v > 0.5)], all, options.HoldoutFraction, options.Training.Seed)
            : Splits.Random(all, options.HoldoutFraction, options.Training.Seed);
        var split = timed
            ? Invariant($"time: newest {options.HoldoutFraction:P0} by {spec.TimeField}")
            : Invariant($"{(binary ? "stratified" : "random")} {options.HoldoutFraction:P0}, seed {options.Training.Seed}");

        var trainRecords = trainIdx.Select(i => records[labelled[i]]).ToList();
        var holdRecords = holdIdx.Select(i => records[labelled[i]]).ToList();
        var trainY = trainIdx.Select(i => y[i]).ToArray();
        var holdY = holdIdx.Select(i => y[i]).ToArray();
        var selection = FeatureSelector.Select(spec, RecordTable.Fields(trainRecords), options.SecuredFields);
        var fields = selection.Included.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
        // Dates age from when each record was decided (or the cut-off), as they will from the scoring time later.
        var trainAsOf = trainRecords.Select(r => asOf ?? RecordTable.DecidedAt(spec, r)).ToArray();
        var holdAsOf = holdRecords.Select(r => asOf ?? RecordTable.DecidedAt(spec, r)).ToArray();
        var trainData = RecordTable.Build(trainRecords, fields, options.SecuredFields, trainAsOf);
        var holdData = RecordTable.Build(holdRecords, fields, options.SecuredFields, holdAsOf);
        var baseline = DriftReference(records, labels, fields, options) ?? DriftBaseline.Fit(trainData);
        var secured = options.SecuredFields?.ToArray() ?? [];
        var displayNames = new Dictionary<string, string>(options.FieldLabels ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);

        var positives = binary ? y.Count(v => v > 0.5) : 0;
        var negatives = binary ? y.Length - positives : 0;
        var minimum = spec.MinimumPerClass;
        if (binary && (positives < minimum || negatives < minimum))
        {
            var prior = PriorModel.Fit(trainData, [.. trainY.Select(v => v > 0.5)]);
            var status = Invariant($"Too little data for a model: {positives} positive and {negatives} negative closed {spec.Entity} records; {minimum} of each are needed")
                + (positives < minimum ? Invariant($", {minimum - positives} more positive") : "")
                + (negatives < minimum ? Invariant($", {minimum - negatives} more negative") : "")
                + ". Scores come from smoothed per-value rates (a transparent prior), not a trained model.";
            var holdScores = Enumerable.Range(0, holdRecords.Count).Select(r => prior.Explain(holdData, r).Score).ToArray();
            var priorArtifact = new ModelArtifact
            {
                Name = spec.Name, Kind = spec.Kind, Fields = fields, Secured = secured, FieldLabels = displayNames, Exclusions = [.. selection.Excluded], Prior = prior, Baseline = baseline, Status = status,
                Grades = GradeCutoffs.FromQuantiles(holdScores.Length > 0 ? holdScores : [.. Enumerable.Range(0, trainRecords.Count).Select(r => prior.Explain(trainData, r).Score)], options.GradeQuantiles),
            };
            var priorMetrics = holdRecords.Count > 0
                ? BinaryEvaluation.Evaluate([.. holdScores.Select(s => s / 100)], [.. holdY.Select(v => v > 0.5)], split, trainRecords.Count)
                : null;
            return new SpecTrainingResult(spec.Name, spec.Kind, TrainingStatus.Prior, status, priorMetrics, priorArtifact.ToBytes(), selection, holdRecords, holdY, trainRecords.Count, holdAsOf);
        }

        var map = FeatureMap.Fit(trainData, options.Features);
        var x = map.Matrix(trainData);
        var trainTime = timed ? trainIdx.Select(i => time![i]).ToArray() : null;
        var outcome = binary
            ? TabularTrainer.TrainBinary(map, x, [.. trainY.Select(v => v > 0.5)], options.Training, "positive", "negative", trainTime, cancellationToken)
            : TabularTrainer.TrainRegression(map, x, trainY, options.Training, trainTime, cancellationToken);
        var holdX = map.Matrix(holdData);
        var predictions = holdX.Select(outcome.Model.Predict).ToArray();
        var metrics = holdRecords.Count == 0 ? null
            : binary ? BinaryEvaluation.Evaluate(predictions, [.. holdY.Select(v => v > 0.5)], split, trainRecords.Count)
            : RegressionEvaluation.Evaluate(predictions, holdY, split, trainRecords.Count);
        metrics = metrics is null ? null : FeatureImportance.With(metrics, FeatureImportance.OnHoldout(outcome.Model, holdX));
        var artifact = new ModelArtifact
        {
            Name = spec.Name, Kind = spec.Kind, Fields = fields, Secured = secured, FieldLabels = displayNames, Exclusions = [.. selection.Excluded], Model = outcome.Model, Baseline = baseline,
            Status = "Trained: " + outcome.Model.Description,
            Grades = binary ? GradeCutoffs.FromQuantiles([.. predictions.Select(p => 100 * p)], options.GradeQuantiles) : null,
        };
        return new SpecTrainingResult(spec.Name, spec.Kind, TrainingStatus.Trained, artifact.Status, metrics, artifact.ToBytes(), selection, holdRecords, holdY, trainRecords.Count, holdAsOf);
    }

    /// <summary>
    /// The open records (no label) as of <see cref="SpecTrainingOptions.ScoringTime"/>: the population the model is
    /// about to score, so that drift means "the records changed since training", not "open records are not closed ones".
    /// Null when no scoring time is given or there are too few open records.
    /// </summary>
    private static DriftBaseline? DriftReference(
        IReadOnlyList<CrmRecord> records, IReadOnlyList<double> labels, IEnumerable<KeyValuePair<string, FieldType>> fields, SpecTrainingOptions options)
    {
        if (options.ScoringTime is not { } now)
        {
            return null;
        }

        var open = Enumerable.Range(0, records.Count).Where(i => double.IsNaN(labels[i])).Select(i => records[i]).ToList();
        return open.Count < DriftBaseline.MinimumRows
            ? null
            : DriftBaseline.Fit(RecordTable.Build(open, fields, options.SecuredFields, [.. Enumerable.Repeat(now, open.Count)]), "open");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
