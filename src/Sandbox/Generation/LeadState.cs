namespace CrmExtensions.Sandbox.Generation;

/// <summary>Lifecycle of a lead.</summary>
internal enum LeadState
{
    Open = 0,
    Qualified = 1,
    Disqualified = 2,
}
