namespace CrmExtensions.Reports.Html;

/// <summary>One line of a line chart.</summary>
/// <param name="Name">Shown in the legend.</param>
/// <param name="Points">The points, in drawing order.</param>
/// <param name="Markers">Draw a dot at each point (for few points such as deciles).</param>
internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, bool Markers = false);
