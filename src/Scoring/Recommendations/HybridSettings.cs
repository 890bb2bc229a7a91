namespace CrmExtensions.Scoring.Recommendations;

/// <summary>The settings of the served recommender, chosen on the validation split.</summary>
/// <param name="Als">ALS hyper-parameters.</param>
/// <param name="BlendStrength">β: the personal part gets weight n / (n + β) for a customer with n purchased items.</param>
/// <param name="CosineWeight">γ: the share of item-to-item similarity in the personal part (0 = pure ALS).</param>
/// <param name="RecencyHalfLifeDays">Half-life of a purchase's weight in the ALS strengths; null weighs old and new purchases alike.</param>
public sealed record HybridSettings(AlsSettings Als, double BlendStrength, double CosineWeight, double? RecencyHalfLifeDays = null);
