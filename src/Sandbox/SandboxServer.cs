using System.Net;
using CrmExtensions.Sandbox.Dataverse;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Generation;
using CrmExtensions.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Sandbox;

/// <summary>Starts the sandbox in-process on 127.0.0.1 (Kestrel).</summary>
public static class SandboxServer
{
    /// <summary>Generates the data, starts the HTTP server and returns its URLs and credentials.</summary>
    public static async Task<RunningSandbox> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Orgs is < 1 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Orgs, "SandboxOptions.Orgs must be between 1 and 9.");
        }

        if (options.Scale < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "SandboxOptions.Scale must be at least 1.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var serverCertificate = options.Https ? LoopbackCertificate.Create() : null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (serverCertificate is not null)
                {
                    listen.UseHttps(serverCertificate);
                }
            });
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            // Salesforce answers 414 only above 16,384 bytes of URI (salesforce.md §5); Kestrel's default request line is 8 KB.
            k.Limits.MaxRequestLineSize = 16_384 + 64;
        });
        var app = builder.Build();

        // With an existing state file the orgs are restored from it instead of generated; the dataset is still generated
        // (same Scale/Seed) because its hidden outcome model drives later simulated changes.
        var restore = options.StateFile is { } stateFile && File.Exists(stateFile);
        var dataset = DataGenerator.Generate(options.Scale, options.Seed, options.DataAsOf);
        var orgs = new List<OrgStore>();
        for (var i = 1; i <= options.Orgs; i++)
        {
            var key = $"org{i}";
            var identity = new OrgIdentity(key, $"Sandbox {i}", TableBuilder.StableGuid($"org.{options.Seed}.{i}"),
                TableBuilder.StableGuid($"bu.{options.Seed}.{i}"), TableBuilder.StableGuid($"appuser.{options.Seed}.{i}"),
                TableBuilder.StableGuid($"client.{options.Seed}"));
            var org = new OrgStore(identity, DataverseSchema.Build(), options.TimeProvider);
            orgs.Add(org);
            if (restore)
            {
                continue;
            }

            DatasetLoader.Load(org, dataset, options.ChangeTrackingRetentionDays);
            if (i > 1)
            {
                // A copy of org 1 (record ids overlap, as in a UAT copy) whose data has drifted.
                new ChangeSimulator(org, (options.Seed * 31) + i, dataset.Truth.Outcomes).Apply(Math.Max(10, options.Scale / 20), publish: false);
            }
        }

        if (restore)
        {
            State.StateFile.Load(options.StateFile!, orgs);
        }

        var host = new SandboxHost(options, orgs, dataset.Truth.Outcomes);
        app.Run(host.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/') + "/");
        host.BaseUrl = baseUrl.ToString().TrimEnd('/');
        var tenant = TableBuilder.StableGuid($"tenant.{options.Seed}");
        var credentials = new SandboxCredentials(
            tenant, host.ClientId, host.ClientSecret,
            new Uri(baseUrl, $"{tenant:D}/oauth2/v2.0/token"), new Uri(baseUrl, $"{tenant:D}/"));
        var published = orgs.Select(o =>
        {
            var url = new Uri(baseUrl, o.Identity.Key);
            return new SandboxOrg(o.Identity.Key, url, new Uri(url + "/api/data/v9.2/"), url + "/.default", o.Identity.OrganizationId, o.Identity.ApplicationUserId);
        }).ToList();
        return new RunningSandbox(app, host, baseUrl, credentials, published) { ServerCertificate = serverCertificate };
    }
}
