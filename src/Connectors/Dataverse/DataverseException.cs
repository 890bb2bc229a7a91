namespace CrmExtensions.Connectors.Dataverse;

/// <summary>
/// A Dataverse call failed. Derives from <see cref="HttpRequestException"/> so a sync run reports it and resumes later;
/// the message holds the CRM's error code and message, never record values or secrets.
/// </summary>
public sealed class DataverseException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    public DataverseException(FailureKind kind, int status, string code, string message)
        : base(message)
    {
        Kind = kind;
        Status = status;
        Code = code;
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public DataverseException()
        : this(FailureKind.System, 0, string.Empty, "Dataverse call failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DataverseException(string message)
        : this(FailureKind.System, 0, string.Empty, message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public DataverseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = string.Empty;
    }

    /// <summary>Transient, configuration or system.</summary>
    public FailureKind Kind { get; }

    /// <summary>The HTTP status (0 when none was received).</summary>
    public int Status { get; }

    /// <summary>The Dataverse error code, e.g. <c>0x80044352</c> (often empty).</summary>
    public string Code { get; }
}
