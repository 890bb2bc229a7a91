namespace CrmExtensions.Sandbox.Generation;

/// <summary>Lifecycle of a support case.</summary>
internal enum CaseState
{
    Active = 0,
    Resolved = 1,
    Canceled = 2,
}
