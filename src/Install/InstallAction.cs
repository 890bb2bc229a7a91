namespace CrmExtensions.Install;

/// <summary>One component and what was done to it, e.g. <c>column lead.crmx_score</c> updated with "MaxLength 100 → 200".</summary>
/// <param name="Component">The kind of component: publisher, solution, column.</param>
/// <param name="Name">Its permanent name (for a column: <c>table.column</c>).</param>
/// <param name="Kind">What was done.</param>
/// <param name="Detail">For updates, the properties that differed (definitions only, never data values or secrets).</param>
public sealed record InstallAction(string Component, string Name, InstallActionKind Kind, string? Detail = null);
