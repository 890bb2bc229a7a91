namespace CrmExtensions.Scoring.Tabular;

/// <summary>How a source column was used, and why (shown to the admin).</summary>
/// <param name="Name">The column (field) name.</param>
/// <param name="Kind">The inferred or configured kind; <see cref="ColumnKind.Ignored"/> when excluded.</param>
/// <param name="Reason">Why it has this kind, e.g. "every non-blank cell is a number" or "excluded: identifier".</param>
public sealed record ColumnDecision(string Name, ColumnKind Kind, string Reason);
