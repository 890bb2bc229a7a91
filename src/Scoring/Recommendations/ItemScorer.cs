namespace CrmExtensions.Scoring.Recommendations;

/// <summary>Writes a score for every item for one customer; higher is better.</summary>
internal delegate void ItemScorer(int customer, Span<double> scores);
