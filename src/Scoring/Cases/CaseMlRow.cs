using Microsoft.ML;

namespace CrmExtensions.Scoring.Cases;

/// <summary>One case as ML.NET reads it: cleaned text, structured tokens and the category index (0 when unknown).</summary>
internal sealed class CaseMlRow
{
    public string Text { get; set; } = "";

    public string Fields { get; set; } = "";

    public uint Label { get; set; }

    /// <summary>A data view of the rows; <see cref="CaseFeaturiser"/> turns the label into a key ordered by value.</summary>
    public static IDataView View(MLContext ml, IEnumerable<CaseMlRow> rows) => ml.Data.LoadFromEnumerable(rows);
}
