namespace CrmExtensions.Scoring.Transactions;

/// <summary>One CSV record and the physical line (1-based) where it starts.</summary>
internal sealed record CsvRow(long Line, string[] Fields);
