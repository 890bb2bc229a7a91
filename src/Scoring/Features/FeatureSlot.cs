namespace CrmExtensions.Scoring.Features;

/// <summary>One model input column, and the source field it is folded back to in reasons.</summary>
internal sealed record FeatureSlot(string Source, SlotRole Role, string? Level);
