namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary>A query the service rejects: <c>MALFORMED_QUERY</c>, <c>INVALID_FIELD</c> or <c>INVALID_TYPE</c> (salesforce.md §2a, §5).</summary>
internal sealed class SoqlException : Exception
{
    public SoqlException()
    {
        ErrorCode = "MALFORMED_QUERY";
    }

    public SoqlException(string message)
        : this("MALFORMED_QUERY", message)
    {
    }

    public SoqlException(string message, Exception inner)
        : base(message, inner)
    {
        ErrorCode = "MALFORMED_QUERY";
    }

    public SoqlException(string errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    public string ErrorCode { get; }
}
