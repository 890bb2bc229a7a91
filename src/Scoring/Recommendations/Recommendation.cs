namespace CrmExtensions.Scoring.Recommendations;

/// <summary>One recommended product for a customer.</summary>
/// <param name="Customer">Customer key.</param>
/// <param name="Rank">1 = best.</param>
/// <param name="Item">Product key.</param>
/// <param name="Score">Blended score (standardised units; comparable within one customer's list).</param>
/// <param name="Reason">Short reason for people, e.g. "because you bought P-17".</param>
public sealed record Recommendation(string Customer, int Rank, string Item, double Score, string Reason);
