using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Install.Dataverse;
using CrmExtensions.Jobs;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Bench;

/// <summary>
/// The lead and opportunity pipeline against the Dataverse sandbox (a child process unless asked in process), measured per phase: full sync, train,
/// score, write-back; then 1 % of records changed, incremental sync, rescore and write-back; then write-back once more,
/// which must make no write call because nothing changed.
/// </summary>
internal sealed class BenchRunner(int scale, double changeShare, StoreOptions store, bool inProcessSandbox, Action<string> progress)
{
    private const int PageSize = 5_000;
    private const int BatchSize = 100;
    private static readonly string[] Synced = ["lead", "opportunity", "task", "phonecall", "email"];
    private static readonly string[] Written = ["lead", "opportunity"];
    private static readonly string[] ModelNames = [DefaultModels.LeadConversion, DefaultModels.OpportunityWin];

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        progress($"Starting the sandbox ({scale:N0} leads, {(inProcessSandbox ? "in process" : "child process")})…");
        await using var sandbox = await BenchSandbox.StartAsync(scale, inProcessSandbox, cancellationToken);
        var org = sandbox.Org;
        using var http = new HttpClient();
        var catalogue = OutputCatalogue.Default;
        await using var crmStore = await CrmStore.OpenAsync(store, cancellationToken);
        var options = new DataverseOptions
        {
            EnvironmentUrl = org.Url,
            Authority = sandbox.Credentials.Authority,
            ClientId = sandbox.Credentials.ClientId,
            ClientSecret = sandbox.Credentials.ClientSecret,
            PageSize = PageSize,
            BatchSize = BatchSize,
        };
        foreach (var table in Synced)
        {
            options.Tables.Add(table);
        }

        // Our columns, as an admin installs them (`crmx install`, its own connection), before any measured phase.
        using (var install = DataverseConnector.Create(options))
        {
            await new DataverseInstaller(install.WebApi, org.ApiUrl, catalogue).InstallAsync(cancellationToken: cancellationToken);
        }

        using var connector = DataverseConnector.Create(options);

        var time = TimeProvider.System;
        var specs = DefaultSpecs.For(CrmKind.Dataverse).Where(s => ModelNames.Contains(s.Name)).ToList();
        var meter = new BenchMeter(ct => ApiCallCounts.ReadAsync(http, sandbox.BaseUrl, org.Key, CallKinds.Dataverse, ct), sandbox, progress);
        OrgId orgId = default;
        await meter.PhaseAsync("connect and check (token, WhoAmI, metadata)", async () =>
        {
            orgId = (await connector.Source.CheckAsync(cancellationToken)).Org ?? throw new InvalidOperationException("The sandbox check failed.");
            return (0, 0);
        }, cancellationToken);
        var sync = new SyncJob(crmStore.Records, crmStore.Cursors, crmStore.JobRuns, time);
        var train = new TrainJob(crmStore.Records, crmStore.Models, crmStore.JobRuns, time);
        var score = new ScoreJob(crmStore.Records, crmStore.Models, crmStore.Outputs, catalogue, crmStore.JobRuns, time, crmStore.Drift);
        var writeBack = new WriteBackJob(crmStore.Outputs, crmStore.Records, catalogue, new WriteBackOptions(), crmStore.JobRuns, time);

        async Task<(long, long)> SyncAll(bool full)
        {
            long read = 0, minimum = 0;
            foreach (var table in Synced)
            {
                var result = await sync.RunAsync(orgId, connector.Source, table, full, cancellationToken);
                read += result.Succeeded ? result.Read : throw new InvalidOperationException(result.Error);
                minimum += Math.Max(1, (result.Read + PageSize - 1) / PageSize);
            }

            return (read, minimum);
        }

        async Task<(long, long)> ScoreAll()
        {
            long scored = 0;
            foreach (var spec in specs)
            {
                scored += (await score.RunAsync(orgId, CrmKind.Dataverse, spec, cancellationToken)).Scored;
            }

            return (scored, 0);
        }

        async Task<(long, long)> WriteAll()
        {
            long written = 0, minimum = 0;
            foreach (var table in Written)
            {
                var result = await writeBack.RunAsync(orgId, CrmKind.Dataverse, table, connector.Writer, cancellationToken);
                written += result[WriteStatus.Written];
                minimum += (result[WriteStatus.Written] + result[WriteStatus.Failed] + BatchSize - 1) / BatchSize;
            }

            return (written, minimum);
        }

        await meter.PhaseAsync("full sync", () => SyncAll(full: true), cancellationToken);
        await meter.PhaseAsync("train", async () =>
        {
            long rows = 0;
            foreach (var spec in specs)
            {
                var registered = (await train.RunAsync(orgId, spec, cancellationToken)).Registered;
                rows += registered.Metrics.TrainRows + registered.Metrics.HoldoutRows;
            }

            return (rows, 0);
        }, cancellationToken);
        await meter.PhaseAsync("score", ScoreAll, cancellationToken);
        await meter.PhaseAsync("write-back", WriteAll, cancellationToken);
        var changes = (int)Math.Max(1, Math.Round(scale * changeShare));
        progress($"{changes:N0} simulated user changes…");
        await sandbox.SimulateAsync(changes, cancellationToken);
        await meter.PhaseAsync("incremental sync", () => SyncAll(full: false), cancellationToken);
        await meter.PhaseAsync("rescore", ScoreAll, cancellationToken);
        await meter.PhaseAsync("write-back (material changes only)", WriteAll, cancellationToken);
        await meter.PhaseAsync("write-back again (nothing changed)", WriteAll, cancellationToken);

        return new BenchReport("dataverse", scale, crmStore.Description, PeakMemory.PerPhase, meter.Phases, meter.Totals()) { Caps = [meter.TokenCap()], Sandbox = sandbox.Placement };
    }
}
