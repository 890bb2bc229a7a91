using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Scores;

/// <summary>Turns a record's score into the model outputs the catalogue maps to CRM fields.</summary>
public static class ScoreOutputs
{
    /// <summary>
    /// Binary: score (whole number 0–100), grade (option whose value and label are "A"–"D", matching
    /// <see cref="OutputCatalogue.Grades"/> labels), reasons and scored-on. Regression: the value and scored-on.
    /// </summary>
    public static IReadOnlyList<ModelOutput> ToOutputs(this RecordScore score, string model, DateTimeOffset scoredOn)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (score.Probability is null)
        {
            return
            [
                new ModelOutput(model, OutputSlot.Value, new NumberValue(Math.Round(score.Score, 2))),
                new ModelOutput(model, OutputSlot.ScoredOn, new DateTimeValue(scoredOn)),
            ];
        }

        return
        [
            new ModelOutput(model, OutputSlot.Score, new NumberValue(Math.Round(score.Score, MidpointRounding.AwayFromZero))),
            new ModelOutput(model, OutputSlot.Grade, score.Grade is null ? null : new OptionValue(score.Grade, score.Grade)),
            new ModelOutput(model, OutputSlot.Reasons, score.Reasons.Length == 0 ? null : new LongTextValue(score.Reasons)),
            new ModelOutput(model, OutputSlot.ScoredOn, new DateTimeValue(scoredOn)),
        ];
    }
}
