namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Too few labelled cases to train a categoriser. The message says how many are needed; it names no category,
/// since category values are customer data.
/// </summary>
public sealed class NotEnoughCasesException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public NotEnoughCasesException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotEnoughCasesException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NotEnoughCasesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
