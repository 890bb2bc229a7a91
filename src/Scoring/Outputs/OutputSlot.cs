namespace CrmExtensions.Scoring.Outputs;

/// <summary>The outputs a model produces. A model has several (score + grade + reasons, segment id + name, …).</summary>
public enum OutputSlot
{
    /// <summary>Binary prediction: 0–100 from the calibrated probability.</summary>
    Score,

    /// <summary>Binary prediction: grade A–D.</summary>
    Grade,

    /// <summary>Binary or regression: the top reasons, rendered for people.</summary>
    Reasons,

    /// <summary>When the record was scored (never a material change on its own).</summary>
    ScoredOn,

    /// <summary>Regression: the predicted value.</summary>
    Value,

    /// <summary>Segmentation: stable segment number.</summary>
    SegmentId,

    /// <summary>Segmentation: readable segment name.</summary>
    SegmentName,

    /// <summary>Recommendation: top-N products with a short reason.</summary>
    Recommendations,

    /// <summary>Text classification: the category.</summary>
    Category,

    /// <summary>Text classification: confidence 0–100 of the category.</summary>
    Confidence,

    /// <summary>Text classification: Auto / Suggest / Review.</summary>
    Tier,

    /// <summary>Text classification: the next alternatives.</summary>
    Alternatives,
}
