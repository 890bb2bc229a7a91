namespace CrmExtensions.Sandbox.Generation;

/// <summary>Why a lead is in its state; values match the common CRM status reasons.</summary>
internal enum LeadReason
{
    New = 1,
    Contacted = 2,
    Qualified = 3,
    Lost = 4,
    CannotContact = 5,
    NoLongerInterested = 6,
    Canceled = 7,
}
