namespace CrmExtensions.Scoring.Specs;

/// <summary>How a spec's training run ended.</summary>
public enum TrainingStatus
{
    /// <summary>A model was trained and measured on the hold-out.</summary>
    Trained,

    /// <summary>Too little data: the transparent prior scores; the status message says what is missing.</summary>
    Prior,
}
