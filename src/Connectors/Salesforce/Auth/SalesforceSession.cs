namespace CrmExtensions.Connectors.Salesforce.Auth;

/// <summary>A minted session: the bearer token, the instance every data call goes to, and the org id from the identity URL.</summary>
internal sealed record SalesforceSession(string AccessToken, Uri InstanceUrl, string? OrgId);
