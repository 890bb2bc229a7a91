namespace CrmExtensions.Sandbox;

/// <summary>Forms of the <c>Sforce-Limit-Info</c> header (salesforce.md §5, headers_api_usage).</summary>
public enum LimitInfoVariant
{
    /// <summary><c>api-usage=N/MAX</c>.</summary>
    ApiUsage,

    /// <summary><c>api-usage=N/MAX; api-bursts=N/750</c>.</summary>
    WithApiBursts,

    /// <summary><c>api-usage=N/MAX; per-app-api-usage=N/250(appName=…)</c>.</summary>
    WithPerAppUsage,
}
