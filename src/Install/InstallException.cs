namespace CrmExtensions.Install;

/// <summary>
/// An install step the CRM refused, or an org in a state the installer will not change on its own (a publisher with
/// another prefix, a managed solution). The message names the component and the reason, never a secret.
/// </summary>
public sealed class InstallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InstallException()
    {
    }

    /// <summary>Creates the exception with a message naming the component and the reason.</summary>
    public InstallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InstallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
