namespace CrmExtensions.Install.Salesforce;

/// <summary>
/// The per-org parameters of the generated SFDX project: where outbound messages go, with which shared key, sent as
/// which user, and which objects the connector syncs (so the integration permission set can read them).
/// </summary>
/// <param name="Endpoint">The receiver, <c>crmx serve</c>'s <c>/api/webhooks/salesforce</c>; https on a real org.</param>
/// <param name="WebhookKey">The shared secret, appended as <c>?code=</c> (the host's WebhookKey). Never logged or reported.</param>
/// <param name="IntegrationUser">The username outbound messages are sent as and the integration permission set is for.</param>
/// <param name="SyncedObjects">The objects the connector reads (its <c>Objects</c>, or its defaults).</param>
public sealed record SalesforcePackageOptions(Uri Endpoint, string WebhookKey, string IntegrationUser, IReadOnlyList<string> SyncedObjects)
{
    /// <summary>The smallest key the host accepts (its WebhookKey validation).</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>The Metadata API version of the project (the connector's default REST version).</summary>
    public string ApiVersion { get; init; } = "62.0";

    /// <summary>
    /// Grant the integration user Modify All (which Salesforce ties to Delete) on the objects we write, for orgs whose
    /// sharing does not give it edit access to every record. Off by default.
    /// </summary>
    public bool ModifyAll { get; init; }

    /// <summary>Extra feature fields (<c>Object.Field__c</c>) whose changes trigger scoring and which the integration user reads.</summary>
    public IReadOnlyList<string> FeatureFields { get; init; } = [];

    /// <summary>The endpoint URL with the key as <c>code</c> query parameter: what the outbound messages POST to.</summary>
    public Uri EndpointWithKey
    {
        get
        {
            var builder = new UriBuilder(Endpoint);
            var query = builder.Query.TrimStart('?');
            builder.Query = (query.Length > 0 ? query + "&" : string.Empty) + "code=" + Uri.EscapeDataString(WebhookKey);
            return builder.Uri;
        }
    }

    /// <summary>Checks the parameters; every problem names the parameter and never echoes the key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("--endpoint must be an absolute http(s) URL.");
        }
        else if (!string.IsNullOrEmpty(Endpoint.Query) && Endpoint.Query.Contains("code=", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("--endpoint must not carry a code= parameter: the key is added from configuration, not typed on the command line.");
        }

        if (string.IsNullOrEmpty(WebhookKey) || WebhookKey.Length < MinimumKeyLength)
        {
            problems.Add($"The webhook key must have at least {MinimumKeyLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(IntegrationUser) || !IntegrationUser.Contains('@', StringComparison.Ordinal) || IntegrationUser.Any(char.IsWhiteSpace))
        {
            problems.Add("--integration-user must be a Salesforce username (name@domain, no spaces).");
        }

        if (SyncedObjects.Count == 0)
        {
            problems.Add("No synced objects were given.");
        }

        foreach (var name in SyncedObjects.Where(o => !ApiName.IsValid(o)))
        {
            problems.Add($"Synced object '{name}' is not an API name (letters, digits and single '_').");
        }

        if (!decimal.TryParse(ApiVersion, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _) || !ApiVersion.Contains('.', StringComparison.Ordinal))
        {
            problems.Add("The API version must look like 62.0.");
        }

        return problems;
    }

    /// <summary>Shows everything but the key.</summary>
    public override string ToString() =>
        $"SalesforcePackageOptions {{ Endpoint = {Endpoint}, WebhookKey = ***, IntegrationUser = {IntegrationUser}, Objects = {string.Join(",", SyncedObjects)}, ApiVersion = {ApiVersion} }}";
}
