namespace CrmExtensions.Sandbox.Generation;

/// <summary>Lifecycle of an order.</summary>
internal enum OrderState
{
    Active = 0,
    Fulfilled = 1,
    Canceled = 2,
}
