namespace CrmExtensions.Sandbox.Generation;

/// <summary>Lifecycle of an opportunity.</summary>
internal enum DealState
{
    Open = 0,
    Won = 1,
    Lost = 2,
}
