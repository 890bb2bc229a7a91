using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Jobs;
using CrmExtensions.Plugins.Dataverse;
using CrmExtensions.Plugins.Events;
using CrmExtensions.Plugins.Processing;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmExtensions.Host.Benchmarks;

/// <summary>
/// Handling one Dataverse webhook in-process, excluding the CRM round trip: parse the RemoteExecutionContext (with its
/// post image), loop guard, store the event, then one worker pass — claim, map the image with the connector's mapping,
/// upsert, score the one lead with the champion (activity aggregates from the store), save outputs, write back (to a
/// writer that records instead of calling the CRM; the image is unchanged after the first pass, so nothing is sent),
/// complete the event. The payload is a real one the sandbox posted for a user's edit. SQLite store on local disk.
/// </summary>
[MemoryDiagnoser]
public class WebhookHandlingBenchmark
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-webhook-bench-" + Guid.NewGuid().ToString("n"));
    private RunningSandbox _sandbox = null!;
    private CrmStore _store = null!;
    private DataverseConnector _connector = null!;
    private EventProcessor _processor = null!;
    private OrgId _org;
    private byte[] _body = [];
    private string[] _own = [];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [Benchmark]
    public async Task<EventBatchResult> HandleOneDataverseWebhook()
    {
        var crmEvent = RemoteExecutionContextParser.Parse(_body);
        if (LoopGuard.IsOwnChange(crmEvent, _own))
        {
            throw new InvalidOperationException("The captured payload is one of our own changes.");
        }

        await _store.Events.EnqueueAsync(_org, [new RecordEvent($"bench:{Guid.NewGuid():n}", crmEvent.Entity, crmEvent.RecordId, DateTimeOffset.UtcNow) { Row = crmEvent.Row }]);
        return await _processor.ProcessAsync(10, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connector.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task SetupAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 1_000, Seed = 2 });
        var org = _sandbox.Orgs[0];
        _own = [org.ApplicationUserId.ToString()];
        var options = new DataverseOptions
        {
            EnvironmentUrl = org.Url,
            Authority = _sandbox.Credentials.Authority,
            ClientId = _sandbox.Credentials.ClientId,
            ClientSecret = _sandbox.Credentials.ClientSecret,
        };
        foreach (var table in new[] { "lead", "task", "phonecall", "email" })
        {
            options.Tables.Add(table);
        }

        _connector = DataverseConnector.Create(options);
        _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        var time = TimeProvider.System;
        _org = (await _connector.Source.CheckAsync()).Org ?? throw new InvalidOperationException("The sandbox check failed.");
        var sync = new SyncJob(_store.Records, _store.Cursors, _store.JobRuns, time);
        foreach (var table in options.Tables)
        {
            var synced = await sync.RunAsync(_org, _connector.Source, table, full: true);
            if (!synced.Succeeded)
            {
                throw new InvalidOperationException(synced.Error);
            }
        }

        var spec = DefaultSpecs.For(CrmKind.Dataverse).Single(s => s.Name == DefaultModels.LeadConversion);
        await new TrainJob(_store.Records, _store.Models, _store.JobRuns, time).RunAsync(_org, spec);
        var score = new ScoreJob(_store.Records, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, time, _store.Drift);
        var writeBack = new WriteBackJob(_store.Outputs, _store.Records, OutputCatalogue.Default, new WriteBackOptions(), _store.JobRuns, time);
        var target = new EventTarget("bench", _org, CrmKind.Dataverse, _connector.Source, new NoCrmWriter(), [spec]);
        _processor = new EventProcessor(_store.Events, _store.Records, sync, score, writeBack, new OneTarget(target), new NoLock(), time, NullLogger<EventProcessor>.Instance);
        _body = await CaptureWebhookAsync(org);

        // The first pass writes the lead's outputs (to the recording writer); later passes find them unchanged.
        var first = await HandleOneDataverseWebhook();
        if (first.Records != 1 || first.Deferred != 0)
        {
            throw new InvalidOperationException($"The first pass did not process the event: {first}.");
        }
    }

    // A webhook endpoint, an Update step on lead with a post image of every column, and one simulated user edit.
    private async Task<byte[]> CaptureWebhookAsync(SandboxOrg org)
    {
        var received = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            received.Enqueue(await reader.ReadToEndAsync());
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hook";

        var api = _connector.WebApi;
        var endpoint = await PostAsync(api, org, "serviceendpoints", new { name = "bench", url, contract = 8, authtype = 4, authvalue = "bench-key-0123456789", messageformat = 2 });
        const string update = "20bebb1b-ea3e-db11-86a7-000a3a5473e8";
        using var filters = JsonDocument.Parse(await api.GetStringAsync(new Uri(org.ApiUrl, $"sdkmessagefilters?$select=sdkmessagefilterid&$filter=primaryobjecttypecode eq 'lead' and _sdkmessageid_value eq {update}")));
        var filter = filters.RootElement.GetProperty("value")[0].GetProperty("sdkmessagefilterid").GetString();
        var step = await PostAsync(api, org, "sdkmessageprocessingsteps", new Dictionary<string, object>
        {
            ["name"] = "lead Update → bench", ["stage"] = 40, ["mode"] = 1, ["rank"] = 1, ["supporteddeployment"] = 0, ["asyncautodelete"] = true,
            ["sdkmessageid@odata.bind"] = $"/sdkmessages({update})", ["sdkmessagefilterid@odata.bind"] = $"/sdkmessagefilters({filter})",
            ["eventhandler_serviceendpoint@odata.bind"] = $"/serviceendpoints({endpoint})",
        });
        await PostAsync(api, org, "sdkmessageprocessingstepimages", new Dictionary<string, object>
        {
            ["name"] = "post", ["entityalias"] = "PostImage", ["imagetype"] = 1, ["messagepropertyname"] = "Target", ["attributes"] = string.Empty,
            ["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({step})",
        });

        for (var attempt = 0; attempt < 20; attempt++)
        {
            await _sandbox.SimulateAsync(org.Key, 20);
            await Task.Delay(1_000);
            foreach (var body in received)
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.GetProperty("PrimaryEntityName").GetString() == "lead" && root.GetProperty("UserId").GetString() != org.ApplicationUserId.ToString())
                {
                    return Encoding.UTF8.GetBytes(body);
                }
            }
        }

        throw new InvalidOperationException("The sandbox posted no lead update.");
    }

    private static async Task<string> PostAsync(HttpClient api, SandboxOrg org, string set, object body)
    {
        using var response = await api.PostAsync(new Uri(org.ApiUrl, set), new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1];
    }

    private sealed class OneTarget(EventTarget target) : IEventTargets
    {
        public Task<EventTarget?> FindAsync(OrgId org, CancellationToken cancellationToken) => Task.FromResult<EventTarget?>(org == target.Org ? target : null);
    }

    private sealed class NoLock : ISyncLock
    {
        public IDisposable Acquire(string resource, TimeSpan timeout) => new MemoryStream();
    }

    // Excludes the CRM round trip: every update is reported written without a call.
    private sealed class NoCrmWriter : ICrmWriter
    {
        public Task<IReadOnlyList<WriteOutcome>> WriteAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<WriteOutcome>>([.. updates.Select(u => new WriteOutcome(u.RecordId, WriteStatus.Written))]);
    }
}
