namespace CrmExtensions.Scoring.Models;

/// <summary>The kinds of model the product trains.</summary>
public enum ModelKind
{
    /// <summary>Two-class prediction (lead conversion, opportunity win, churn).</summary>
    Binary,

    /// <summary>A number (customer value).</summary>
    Regression,

    /// <summary>Many-class text classification (case category).</summary>
    Multiclass,

    /// <summary>Clustering into named segments.</summary>
    Segmentation,

    /// <summary>Top-N product recommendations.</summary>
    Recommendation,
}
