namespace CrmExtensions.Scoring.Csv;

/// <summary>The task <c>crmx predict</c> trains (<c>--kind</c>).</summary>
public enum PredictionKind
{
    /// <summary>Binary when the label has two values (or <c>--positive</c> is given), regression when it is numeric, multiclass otherwise.</summary>
    Auto,

    /// <summary>Positive class versus the rest.</summary>
    Binary,

    /// <summary>Many classes: score and confidence are the predicted class's probability; no reasons.</summary>
    Multiclass,

    /// <summary>A number.</summary>
    Regression,
}
