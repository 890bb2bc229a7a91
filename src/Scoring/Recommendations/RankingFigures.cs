namespace CrmExtensions.Scoring.Recommendations;

/// <summary>Top-10 ranking quality over held-out customers.</summary>
/// <param name="HitRate">Share of customers with at least one held-out item in their top 10.</param>
/// <param name="Ndcg">Normalised discounted cumulative gain at 10 (binary relevance).</param>
/// <param name="Precision">Held-out items in the top 10, divided by 10.</param>
/// <param name="Customers">Customers evaluated.</param>
/// <param name="NdcgStandardError">Standard error of <paramref name="Ndcg"/> over customers (spread of the per-customer values / √n).</param>
public sealed record RankingFigures(double HitRate, double Ndcg, double Precision, int Customers, double NdcgStandardError = 0);
