using CrmExtensions.Connectors.Common.Contracts;

namespace CrmExtensions.Connectors.Salesforce;

/// <summary>
/// A Salesforce call failed. Derives from <see cref="HttpRequestException"/> so a sync run reports it and resumes later;
/// the message holds the CRM's error code and message, never record values or secrets.
/// </summary>
public sealed class SalesforceException : HttpRequestException, IApiBudgetStop
{
    /// <summary>Creates the exception.</summary>
    public SalesforceException(FailureKind kind, int status, string code, string message)
        : base(message)
    {
        Kind = kind;
        Status = status;
        Code = code;
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public SalesforceException()
        : this(FailureKind.System, 0, string.Empty, "Salesforce call failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public SalesforceException(string message)
        : this(FailureKind.System, 0, string.Empty, message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public SalesforceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = string.Empty;
    }

    /// <summary>Transient, configuration, budget or system.</summary>
    public FailureKind Kind { get; }

    /// <inheritdoc />
    public bool BudgetSpent => Kind == FailureKind.Budget;

    /// <summary>The HTTP status (0 when none was received).</summary>
    public int Status { get; }

    /// <summary>The Salesforce error code, e.g. <c>INVALID_FIELD</c> or the OAuth <c>error</c>.</summary>
    public string Code { get; }
}
