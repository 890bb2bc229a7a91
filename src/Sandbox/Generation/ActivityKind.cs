namespace CrmExtensions.Sandbox.Generation;

/// <summary>Kinds of activity.</summary>
internal enum ActivityKind
{
    Task,
    PhoneCall,
    Email,
}
