using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Jobs;

namespace CrmExtensions.Host.Connections;

/// <summary>The parts of a CRM connector (Dataverse or Salesforce) the host uses; disposing it disposes the connector.</summary>
public sealed class ServedConnector(ICrmSource source, ICrmWriter writer, IDisposable owner, ApiMeter? meter = null) : IDisposable
{
    /// <summary>Checks and reads the org.</summary>
    public ICrmSource Source { get; } = source;

    /// <summary>Writes outputs back.</summary>
    public ICrmWriter Writer { get; } = writer;

    /// <summary>The connector's API calls and the CRM's daily allocation, recorded with each sync run; null: not counted.</summary>
    public ApiMeter? Meter { get; } = meter;

    public void Dispose() => owner.Dispose();
}
