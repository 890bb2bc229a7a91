using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Common.WriteBack;

/// <summary>
/// Decides whether an output differs materially from what was last written. Scores must move a set number of points,
/// values a set share; labels (grade, segment, category, tier, recommendations) whenever they differ. Reasons,
/// confidence, alternatives and the scored-on time never justify a write on their own; they ride along.
/// </summary>
internal static class MaterialChange
{
    public static bool Drives(OutputSlot slot) => slot is not (OutputSlot.Reasons or OutputSlot.ScoredOn or OutputSlot.Confidence or OutputSlot.Alternatives);

    public static bool IsMaterial(OutputSlot slot, FieldValue? written, FieldValue? current, WriteBackOptions options)
    {
        if (Equals(written, current))
        {
            return false;
        }

        return (slot, Number(written), Number(current)) switch
        {
            (OutputSlot.Score, { } before, { } after) => Math.Abs(after - before) >= options.ScorePoints,
            (OutputSlot.Value, { } before, { } after) => Math.Abs(after - before) >= options.ValueRelativeChange * Math.Max(Math.Abs(before), 1),
            _ => true,
        };
    }

    private static double? Number(FieldValue? value) => value switch
    {
        NumberValue number => number.Value,
        MoneyValue money => (double)(money.BaseAmount ?? money.Amount),
        _ => null,
    };
}
