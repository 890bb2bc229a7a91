using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Specs;

/// <summary>Labels of records by a <see cref="LabelSpec"/>; NaN marks an open record (scored, not trained on).</summary>
public static class SpecLabels
{
    /// <summary>1 positive, 0 negative, NaN open (binary); the number, NaN when blank (regression).</summary>
    public static double Of(ModelSpec spec, CrmRecord record)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(record);
        var label = spec.Label ?? throw new ArgumentException($"Spec '{spec.Name}' has no label field.", nameof(spec));
        var value = record[label.Field];
        if (spec.Kind == ModelKind.Regression)
        {
            return RecordTable.Number(value);
        }

        var text = RecordTable.Text(value);
        if (text is null)
        {
            return double.NaN;
        }

        if (label.PositiveValues.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return 1;
        }

        return label.NegativeValues.Count == 0 || label.NegativeValues.Contains(text, StringComparer.OrdinalIgnoreCase) ? 0 : double.NaN;
    }
}
