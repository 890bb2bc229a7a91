namespace CrmExtensions.Sandbox.Dataverse;

/// <summary>Counts of the changes one simulation applied.</summary>
internal sealed record SimulationResult(int Created, int Updated, int Deleted);
