namespace CrmExtensions.Sandbox.Salesforce.Http;

/// <summary>One call's view: the org, settings, the API usage so far and counters for stats.</summary>
internal sealed class SalesforceContext(SalesforceOrg org, SalesforceSettings settings, Func<(int Used, int Max)> usage)
{
    public SalesforceOrg Org { get; } = org;

    public SalesforceSettings Settings { get; } = settings;

    public (int Used, int Max) Usage => usage();

    public int RecordsRead { get; set; }

    public int RecordsWritten { get; set; }
}
