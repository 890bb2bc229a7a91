using Microsoft.ML;
using Microsoft.ML.Data;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// A trained case classifier: the featuriser and trainer (one ML.NET chain), the calibration fitted on validation
/// cases and the per-category tier thresholds chosen there. Thread-safe for batch prediction.
/// </summary>
public sealed class CaseClassifier
{
    private const int AlternativeCount = 3;
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly TemperatureSoftmax _calibration;

    // A PredictionEngine is not thread-safe: engines are pooled, one per concurrent caller, for single-case latency.
    private readonly System.Collections.Concurrent.ConcurrentBag<PredictionEngine<CaseMlRow, CaseScoreRow>> _engines = [];

    internal CaseClassifier(MLContext ml, ITransformer model, IReadOnlyList<string> categories, TemperatureSoftmax calibration, TierThresholds thresholds, string trainer)
    {
        _ml = ml;
        _model = model;
        _calibration = calibration;
        Categories = categories;
        Thresholds = thresholds;
        Trainer = trainer;
    }

    /// <summary>The categories in score order.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The tier thresholds chosen on validation cases.</summary>
    public TierThresholds Thresholds { get; }

    /// <summary>The trainer that won on validation.</summary>
    public string Trainer { get; }

    /// <summary>The softmax temperature fitted on validation cases.</summary>
    public double Temperature => _calibration.Temperature;

    /// <summary>Whether the trainer's scores are probabilities (log taken before the temperature).</summary>
    internal bool ScoresAreProbabilities => _calibration.ScoresAreProbabilities;

    /// <summary>Saves the ML.NET chain with its input schema (see <see cref="CaseModelArtifact"/>).</summary>
    internal void SaveModel(Stream stream) => _ml.Model.Save(_model, CaseMlRow.View(_ml, []).Schema, stream);

    /// <summary>Calibrated probabilities per case (rows × categories, in <see cref="Categories"/> order).</summary>
    public double[][] Probabilities(IReadOnlyList<CaseInput> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return Probabilities(cases.Select(c => new CaseMlRow { Text = c.CleanText(), Fields = c.FieldTokens() }));
    }

    /// <summary>Category, confidence, tier (by the thresholds of the case's language) and alternatives per case, in input order.</summary>
    public CasePrediction[] Predict(IReadOnlyList<CaseInput> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var rows = cases.Select(c => new CaseMlRow { Text = c.CleanText(), Fields = c.FieldTokens() }).ToArray();
        return [.. Probabilities(rows).Select((p, i) => ToPrediction(p, ScriptLanguage.Detect(rows[i].Text)))];
    }

    /// <summary>One case, without building a data view: for scoring a case as it is created or edited.</summary>
    public CasePrediction Predict(CaseInput one)
    {
        ArgumentNullException.ThrowIfNull(one);
        if (!_engines.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<CaseMlRow, CaseScoreRow>(_model);
        }

        try
        {
            var text = one.CleanText();
            var scores = engine.Predict(new CaseMlRow { Text = text, Fields = one.FieldTokens() }).Score;
            return ToPrediction(_calibration.Apply(scores), ScriptLanguage.Detect(text));
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Turns calibrated probabilities into a prediction with its tier (category thresholds, any language).</summary>
    public CasePrediction ToPrediction(double[] probabilities) => ToPrediction(probabilities, language: null);

    /// <summary>Turns calibrated probabilities of a case in <paramref name="language"/> (<see cref="ScriptLanguage"/>) into a prediction with its tier.</summary>
    public CasePrediction ToPrediction(double[] probabilities, string? language)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var order = Enumerable.Range(0, probabilities.Length).OrderByDescending(c => probabilities[c]).ThenBy(c => c).ToArray();
        var top = Categories[order[0]];
        var confidence = probabilities[order[0]];
        var tier = Thresholds.TierOf(top, confidence, language);
        // When the model abstains nothing is applied, so the alternatives start with its best guess.
        var skip = tier == CaseTier.Review ? 0 : 1;
        var alternatives = order.Skip(skip).Take(AlternativeCount).Select(c => new CategoryScore(Categories[c], probabilities[c])).ToArray();
        return new CasePrediction(top, confidence, tier, alternatives);
    }

    internal double[][] Probabilities(IEnumerable<CaseMlRow> rows)
    {
        var view = CaseMlRow.View(_ml, rows);
        return [.. _model.Transform(view).GetColumn<float[]>("Score").Select(_calibration.Apply)];
    }
}
