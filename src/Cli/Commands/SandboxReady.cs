using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Commands;

/// <summary>
/// What <c>crmx sandbox --json</c> prints as its one stdout line once it serves: the URL, the (local, fixed per seed)
/// test credentials and the orgs, so a parent process (<c>crmx bench</c>) can connect to a sandbox it started.
/// </summary>
internal sealed record SandboxReady(int ProcessId, Uri BaseUrl, SandboxCredentials Credentials, IReadOnlyList<SandboxOrg> Orgs);
