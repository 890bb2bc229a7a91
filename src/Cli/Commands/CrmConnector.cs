using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Jobs;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Cli.Commands;

/// <summary>An opened connector of either CRM, as the verbs use it: source, writer, naming scheme and API usage for summaries.</summary>
internal sealed class CrmConnector(
    string name, CrmKind kind, string url, ICrmSource source, ICrmWriter writer, IDisposable owner, Func<object> usage, ApiMeter meter, IReadOnlyList<CredentialExpiry>? credentials = null)
    : IDisposable
{
    /// <summary>The connection name the store binds to (<c>dataverse</c>, <c>salesforce</c>).</summary>
    public string Name => name;

    /// <summary>The naming scheme of output fields.</summary>
    public CrmKind Kind => kind;

    /// <summary>The configured URL of the org.</summary>
    public string Url => url;

    public ICrmSource Source => source;

    public ICrmWriter Writer => writer;

    /// <summary>API calls so far (and, for Salesforce, the DailyApiRequests budget), for JSON summaries.</summary>
    public object Usage => usage();

    /// <summary>API calls made so far and, for Salesforce, the daily allocation (recorded with each sync run).</summary>
    public ApiMeter Meter => meter;

    /// <summary>The expiry of the credential in use, where known (certificate NotAfter, configured ClientSecretExpiresOn).</summary>
    public IReadOnlyList<CredentialExpiry> Credentials => credentials ?? [];

    public void Dispose() => owner.Dispose();
}
