namespace CrmExtensions.Scoring.Features;

/// <summary>What one model input column (slot) encodes about its source field.</summary>
internal enum SlotRole
{
    /// <summary>The number itself (missing imputed with the training median), or a date's age in days.</summary>
    Value,

    /// <summary>1 when the field is blank, else 0.</summary>
    Missing,

    /// <summary>1 when the category equals <see cref="FeatureSlot.Level"/>.</summary>
    Level,

    /// <summary>1 for a category value too rare in training to get its own slot.</summary>
    Other,

    /// <summary>1 when the text contains the word <see cref="FeatureSlot.Level"/>.</summary>
    Word,
}
