namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// Where Dataverse sends change events and for which columns: one webhook service endpoint, and per table an
/// asynchronous post-operation Create and Update step whose filtering attributes and post-image hold the feature columns.
/// </summary>
/// <param name="Url">The receiver (<c>crmx serve</c>'s intake), https and port 443 on a real org (dataverse.md §6).</param>
/// <param name="Key">The shared secret, sent as a Webhook Key (<c>?code=</c>, authtype 4). Never logged or reported.</param>
/// <param name="FeatureColumns">Table logical name → the columns whose change should trigger scoring.</param>
public sealed record WebhookRegistration(Uri Url, string Key, IReadOnlyDictionary<string, IReadOnlyList<string>> FeatureColumns)
{
    /// <summary>Shows the URL only; the key is redacted.</summary>
    public override string ToString() => $"WebhookRegistration {{ Url = {Url}, Key = ***, Tables = {string.Join(",", FeatureColumns.Keys)} }}";
}
