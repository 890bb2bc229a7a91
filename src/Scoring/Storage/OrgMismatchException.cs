namespace CrmExtensions.Scoring.Storage;

/// <summary>A connection reached a different org than the one it was bound to.</summary>
public sealed class OrgMismatchException : Exception
{
    public OrgMismatchException()
    {
    }

    public OrgMismatchException(string message)
        : base(message)
    {
    }

    public OrgMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
