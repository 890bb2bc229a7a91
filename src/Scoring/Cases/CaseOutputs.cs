using System.Globalization;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Cases;

/// <summary>Turns a case prediction into the model outputs the catalogue maps to CRM fields (see <see cref="OutputCatalogue"/>).</summary>
public static class CaseOutputs
{
    /// <summary>Longest alternatives text (the catalogue field's length).</summary>
    public const int MaxAlternativesLength = 500;

    /// <summary>
    /// Category (null when the model abstains: nothing is suggested or applied), confidence (whole number 0–100),
    /// tier (option whose value and label match <see cref="OutputCatalogue.Tiers"/>), alternatives
    /// ("Billing (12%); Shipping (5%)") and categorised-on.
    /// </summary>
    public static IReadOnlyList<ModelOutput> ToOutputs(this CasePrediction prediction, string model, DateTimeOffset scoredOn)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var tier = OutputCatalogue.Tiers.Single(t => t.Label == prediction.Tier.ToString());
        var alternatives = Alternatives(prediction);
        return
        [
            new ModelOutput(model, OutputSlot.Category, prediction.Category is null ? null : new TextValue(prediction.Category)),
            new ModelOutput(model, OutputSlot.Confidence, new NumberValue(Percent(prediction.Confidence))),
            new ModelOutput(model, OutputSlot.Tier, new OptionValue(tier.Label, tier.Label)),
            new ModelOutput(model, OutputSlot.Alternatives, alternatives.Length == 0 ? null : new TextValue(alternatives)),
            new ModelOutput(model, OutputSlot.ScoredOn, new DateTimeValue(scoredOn)),
        ];
    }

    /// <summary>A probability as a whole percentage 0–100.</summary>
    public static int Percent(double probability) => (int)Math.Round(Math.Clamp(probability, 0, 1) * 100, MidpointRounding.AwayFromZero);

    /// <summary>The alternatives as one line, cut at a whole entry to fit <see cref="MaxAlternativesLength"/>.</summary>
    public static string Alternatives(CasePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var text = "";
        foreach (var alternative in prediction.Alternatives)
        {
            var entry = string.Create(CultureInfo.InvariantCulture, $"{alternative.Category} ({Percent(alternative.Probability)}%)");
            var next = text.Length == 0 ? entry : text + "; " + entry;
            if (next.Length > MaxAlternativesLength)
            {
                break;
            }

            text = next;
        }

        return text;
    }
}
