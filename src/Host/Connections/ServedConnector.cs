using CrmExtensions.Connectors.Common.Contracts;

namespace CrmExtensions.Host.Connections;

/// <summary>The parts of a CRM connector (Dataverse or Salesforce) the host uses; disposing it disposes the connector.</summary>
public sealed class ServedConnector(ICrmSource source, ICrmWriter writer, IDisposable owner, IReadOnlyList<CredentialExpiry>? credentials = null) : IDisposable
{
    /// <summary>Checks and reads the org.</summary>
    public ICrmSource Source { get; } = source;

    /// <summary>Writes outputs back.</summary>
    public ICrmWriter Writer { get; } = writer;

    /// <summary>The expiry of the connection's credential, where known (warned about by <c>CredentialExpiryMonitor</c>).</summary>
    public IReadOnlyList<CredentialExpiry> Credentials { get; } = credentials ?? [];

    public void Dispose() => owner.Dispose();
}
