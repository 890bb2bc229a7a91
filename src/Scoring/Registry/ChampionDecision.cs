using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Registry;

/// <summary>The registered version and why it is (or is not) the champion.</summary>
/// <param name="Registered">The version as the registry stored it.</param>
/// <param name="Promoted">True when it became the champion.</param>
/// <param name="Reason">The comparison, e.g. "AUC 0.812 ≥ 0.95 × champion v3's 0.801 on the same 2000 hold-out rows".</param>
/// <param name="ChallengerFigure">The new version's figure on the hold-out (AUC or RMSE).</param>
/// <param name="ChampionFigure">The champion's figure on the same rows; null when there was no champion.</param>
public sealed record ChampionDecision(RegisteredModel Registered, bool Promoted, string Reason, double ChallengerFigure, double? ChampionFigure);
