namespace CrmExtensions.Reports.Data;

/// <summary>
/// A field's population stability index measured at one time, as stored in metrics details
/// (<c>drift</c>: <c>[{ "field", "psi", "measuredAt" }]</c>).
/// </summary>
public sealed record DriftPoint(string Field, double Psi, DateTimeOffset? MeasuredAt);
