namespace CrmExtensions.Scoring.Segmentation;

/// <summary>How a segment looks next to all customers.</summary>
/// <param name="Id">Stable segment number.</param>
/// <param name="Name">Readable name, e.g. "Champions: recent, frequent, high spend".</param>
/// <param name="Size">Customers in the segment.</param>
/// <param name="Share">Size divided by all customers.</param>
/// <param name="Medians">Median of each feature in the segment, in raw units (days, orders, currency).</param>
/// <param name="OverallMedians">Median of each feature over all customers.</param>
/// <param name="Inherited">Whether id and name were carried over from the previous training.</param>
/// <param name="TopCategories">The three commonest known categories (e.g. industries) in the segment, when categories were given.</param>
public sealed record SegmentProfile(
    int Id,
    string Name,
    int Size,
    double Share,
    IReadOnlyDictionary<string, double> Medians,
    IReadOnlyDictionary<string, double> OverallMedians,
    bool Inherited,
    IReadOnlyList<CategoryShare> TopCategories);
