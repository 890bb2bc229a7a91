namespace CrmExtensions.Jobs;

/// <summary>A CRM's daily API request allocation as it last reported it (Salesforce <c>DailyApiRequests</c>).</summary>
/// <param name="Used">Requests used in the CRM's window (Salesforce: a rolling 24 hours).</param>
/// <param name="Max">The allocation.</param>
public readonly record struct ApiBudgetReading(long Used, long Max);
