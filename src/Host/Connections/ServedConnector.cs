using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Jobs;

namespace CrmExtensions.Host.Connections;

/// <summary>The parts of a CRM connector (Dataverse or Salesforce) the host uses; disposing it disposes the connector.</summary>
public sealed class ServedConnector(
    ICrmSource source, ICrmWriter writer, IDisposable owner, ApiMeter? meter = null, IReadOnlyList<CredentialExpiry>? credentials = null) : IDisposable
{
    /// <summary>Checks and reads the org.</summary>
    public ICrmSource Source { get; } = source;

    /// <summary>Writes outputs back.</summary>
    public ICrmWriter Writer { get; } = writer;

    /// <summary>The connector's API calls and the CRM's daily allocation, recorded with each sync run; null: not counted.</summary>
    public ApiMeter? Meter { get; } = meter;

    /// <summary>The expiry of the connection's credential, where known (warned about by <c>CredentialExpiryMonitor</c>).</summary>
    public IReadOnlyList<CredentialExpiry> Credentials { get; } = credentials ?? [];

    public void Dispose() => owner.Dispose();
}
