using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace CrmExtensions.Sandbox;

/// <summary>A started sandbox: its URLs and credentials. Dispose (or <see cref="StopAsync"/>) to stop it.</summary>
public sealed class RunningSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Hosting.SandboxHost _host;

    internal RunningSandbox(WebApplication app, Hosting.SandboxHost host, Uri baseUrl, SandboxCredentials credentials, IReadOnlyList<SandboxOrg> orgs)
    {
        _app = app;
        _host = host;
        BaseUrl = baseUrl;
        Credentials = credentials;
        Orgs = orgs;
    }

    /// <summary>Root URL, e.g. <c>http://127.0.0.1:5099/</c>; admin endpoints live under <c>/_sandbox/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The self-signed server certificate when <see cref="SandboxOptions.Https"/> is on (clients pin it); else null.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ServerCertificate { get; init; }

    /// <summary>
    /// Adds a certificate (its public part) to the sandbox app registration, so certificate-signed client assertions from
    /// its private key are accepted by the token endpoint, as after uploading it in Entra ID.
    /// </summary>
    public void RegisterClientCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        _host.RegisterClientCertificate(certificate);
    }

    /// <summary>Client credentials and token endpoint.</summary>
    public SandboxCredentials Credentials { get; }

    /// <summary>The hosted organisations (one per <c>--orgs</c>).</summary>
    public IReadOnlyList<SandboxOrg> Orgs { get; }

    /// <summary>
    /// Applies <paramref name="count"/> realistic user creates/updates/deletes to an org (same as
    /// <c>POST /_sandbox/simulate</c>); they show up in change tracking and fire webhooks like user edits.
    /// </summary>
    /// <returns>How many records were created, updated and deleted.</returns>
    public Task<(int Created, int Updated, int Deleted)> SimulateAsync(string orgKey, int count) =>
        Task.Run(() =>
        {
            var result = _host.Simulate(orgKey, count);
            return (result.Created, result.Updated, result.Deleted);
        });

    /// <summary>Saves the state to <see cref="SandboxOptions.StateFile"/> now (it is also saved on dispose).</summary>
    public Task SaveStateAsync() => Task.Run(_host.SaveState);

    /// <summary>Stops the HTTP server.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Waits until the server stops (for the CLI's foreground mode).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
    }
}
