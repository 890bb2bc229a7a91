namespace CrmExtensions.Sandbox;

/// <summary>One hosted organisation as a client sees it.</summary>
/// <param name="Key">Path segment of the org, e.g. <c>org1</c>.</param>
/// <param name="Url">Environment URL (the <c>[Org]</c> of dataverse.md), e.g. <c>http://127.0.0.1:5099/org1</c>.</param>
/// <param name="ApiUrl">Web API root, <c>{Url}/api/data/v9.2/</c>.</param>
/// <param name="Scope">Client-credentials scope for this org, <c>{Url}/.default</c>.</param>
/// <param name="OrganizationId">organizationid returned by WhoAmI.</param>
/// <param name="ApplicationUserId">systemuserid of the application user the test client acts as.</param>
public sealed record SandboxOrg(string Key, Uri Url, Uri ApiUrl, string Scope, Guid OrganizationId, Guid ApplicationUserId);
