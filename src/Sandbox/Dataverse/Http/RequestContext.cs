using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Faults;

namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>Everything one Web API request executes against: the org, the caller and the open transaction.</summary>
internal sealed record RequestContext(OrgStore Org, string OrgUrl, Guid CallerId, SandboxOptions Options, Transaction Tx, FaultInjector Faults)
{
    public string ApiRoot => OrgUrl + "/api/data/v9.2/";

    /// <summary>Records read and written by this request (for /_sandbox/stats).</summary>
    public int RecordsRead { get; set; }

    public int RecordsWritten { get; set; }
}
