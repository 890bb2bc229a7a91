namespace CrmExtensions.Scoring.Csv;

/// <summary>The task <c>crmx predict</c> trains (<c>--kind</c>).</summary>
public enum PredictionKind
{
    /// <summary>Binary when the label has two values (or <c>--positive</c> is given), regression when it is numeric.</summary>
    Auto,

    /// <summary>Positive class versus the rest.</summary>
    Binary,

    /// <summary>Many classes (not yet supported by the tabular path; reported as such).</summary>
    Multiclass,

    /// <summary>A number.</summary>
    Regression,
}
