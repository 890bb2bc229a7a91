using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Cli.Demo;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Connectors.Salesforce;
using CrmExtensions.Jobs;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Bench;

/// <summary>
/// The lead and opportunity pipeline against the sandbox's Salesforce API (a child process unless asked in process;
/// the org, custom fields and connector settings of <c>crmx demo --crm salesforce</c>), measured per phase like the Dataverse run. The connector runs
/// with its default sizes: REST query pages of <see cref="SalesforceOptions.PageSize"/>, a Bulk API 2.0 query job for
/// a read from the start of more than <see cref="SalesforceOptions.BulkQueryThreshold"/> rows, sObject Collections of
/// <see cref="SalesforceOptions.WriteBatchSize"/>, and Bulk ingest jobs of <see cref="SalesforceOptions.BulkJobRecords"/>
/// above <see cref="SalesforceOptions.BulkWriteThreshold"/> records; <c>Crmx:Salesforce</c> may set other sizes.
/// </summary>
internal sealed class SalesforceBenchRunner(int scale, double changeShare, StoreOptions store, SalesforceOptions sizes, bool inProcessSandbox, Action<string> progress)
{
    /// <summary>Bulk jobs finish on their first poll in the sandbox; a short first wait keeps the sandbox's idle time out of the figures.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private static readonly string[] Synced = ["Lead", "Task", "Opportunity"];
    private static readonly string[] Written = ["Lead", "Opportunity"];
    private static readonly string[] ModelNames = [DefaultModels.LeadConversion, DefaultModels.OpportunityWin];

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        progress($"Starting the Salesforce sandbox ({scale:N0} leads, {(inProcessSandbox ? "in process" : "child process")})…");
        await using var sandbox = await BenchSandbox.StartAsync(scale, inProcessSandbox, cancellationToken);
        var org = sandbox.Org;
        using var http = new HttpClient();
        var catalogue = OutputCatalogue.Default;
        await using var crmStore = await CrmStore.OpenAsync(store, cancellationToken);

        // The demo's connector settings (SalesforceDemo.CreateAsync), with the sizes the minimum depends on as configured
        // under Crmx:Salesforce (the connector's defaults otherwise).
        var options = new SalesforceOptions
        {
            LoginUrl = org.Url,
            ClientId = sandbox.Credentials.ClientId,
            ClientSecret = sandbox.Credentials.ClientSecret,
            ApiVersion = SalesforceDemo.ApiVersion,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            PageSize = sizes.PageSize,
            WriteBatchSize = sizes.WriteBatchSize,
            BulkQueryThreshold = sizes.BulkQueryThreshold,
            BulkWriteThreshold = sizes.BulkWriteThreshold,
            BulkJobRecords = sizes.BulkJobRecords,
            BulkPollInterval = PollInterval,
        };
        foreach (var name in Synced)
        {
            options.Objects.Add(name);
        }

        using var connector = SalesforceConnector.Create(options);
        var writer = new CountingWriter(connector.Writer, n => WriteMinimum(options, n));

        var time = TimeProvider.System;
        var specs = DefaultSpecs.For(CrmKind.Salesforce).Where(s => ModelNames.Contains(s.Name)).ToList();
        var meter = new BenchMeter(ct => ApiCallCounts.ReadAsync(http, sandbox.BaseUrl, org.Key, CallKinds.Salesforce, ct), sandbox, progress);
        OrgId orgId = default;
        await meter.PhaseAsync("connect and check (token, limits, describe, probe)", async () =>
        {
            var check = await connector.Source.CheckAsync(cancellationToken);
            orgId = check.Org is { } id && check.Problems.Count == 0 ? id
                : throw new InvalidOperationException("The Salesforce sandbox check failed: " + string.Join(" ", check.Problems));
            return (0, 0);
        }, cancellationToken);
        var sync = new SyncJob(crmStore.Records, crmStore.Cursors, crmStore.JobRuns, time);
        var train = new TrainJob(crmStore.Records, crmStore.Models, crmStore.JobRuns, time);
        var score = new ScoreJob(crmStore.Records, crmStore.Models, crmStore.Outputs, catalogue, crmStore.JobRuns, time, crmStore.Drift);
        var writeBack = new WriteBackJob(crmStore.Outputs, crmStore.Records, catalogue, new WriteBackOptions(), crmStore.JobRuns, time);
        var currencyRatesRead = false;
        var problems = new List<string>();

        async Task<(long, long)> SyncAll(bool full)
        {
            long read = 0, minimum = 0;
            foreach (var table in Synced)
            {
                var result = await sync.RunAsync(orgId, connector.Source, table, full, cancellationToken);
                read += result.Succeeded ? result.Read : throw new InvalidOperationException(result.Error);
                minimum += ReadMinimum(options, result.Read, bulkPossible: full);
            }

            if (!currencyRatesRead)
            {
                // The connector reads the org's CurrencyType rates once (one page) to convert amounts.
                currencyRatesRead = true;
                minimum++;
            }

            return (read, minimum);
        }

        async Task<(long, long)> ScoreAll()
        {
            long scored = 0;
            foreach (var spec in specs)
            {
                scored += (await score.RunAsync(orgId, CrmKind.Salesforce, spec, cancellationToken)).Scored;
            }

            return (scored, 0);
        }

        async Task<(long, long)> WriteAll()
        {
            long written = 0;
            writer.TakeMinimum();
            foreach (var table in Written)
            {
                var result = await writeBack.RunAsync(orgId, CrmKind.Salesforce, table, writer, cancellationToken);
                written += result[WriteStatus.Written];
            }

            if (writer.TakeFailed() is > 0 and var failed)
            {
                problems.Add($"{failed:N0} records not written in a write-back ({writer.FirstFailure}); they are sent again by the next one.");
            }

            return (written, writer.TakeMinimum());
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

        var (calls, _) = await ApiCallCounts.LabelsAsync(http, sandbox.BaseUrl, org.Key, cancellationToken);
        return new BenchReport("salesforce", scale, crmStore.Description, PeakMemory.PerPhase, meter.Phases, meter.Totals())
        {
            Caps = [meter.TokenCap(), DescribeCap(calls)],
            Problems = problems,
            Sandbox = sandbox.Placement,
        };
    }

    /// <summary>
    /// Pages for <paramref name="rows"/> rows: REST query pages of <see cref="SalesforceOptions.PageSize"/> (at least one);
    /// a read from the start above the Bulk threshold is a Bulk query job instead: its creation and its result sets of
    /// <c>maxRecords</c> = page size (its polls are counted apart).
    /// </summary>
    internal static long ReadMinimum(SalesforceOptions options, long rows, bool bulkPossible)
    {
        var pages = Math.Max(1, (rows + options.PageSize - 1) / options.PageSize);
        return bulkPossible && options.BulkQueryThreshold > 0 && rows > options.BulkQueryThreshold ? 1 + pages : pages;
    }

    /// <summary>
    /// Calls for one hand-over of <paramref name="records"/> updates: above the Bulk threshold one ingest job per
    /// <see cref="SalesforceOptions.BulkJobRecords"/> (create, upload, close), else sObject Collections of
    /// <see cref="SalesforceOptions.WriteBatchSize"/>.
    /// </summary>
    internal static long WriteMinimum(SalesforceOptions options, int records) =>
        options.BulkWriteThreshold > 0 && records > options.BulkWriteThreshold
            ? 3L * ((records + options.BulkJobRecords - 1) / options.BulkJobRecords)
            : (records + options.WriteBatchSize - 1) / options.WriteBatchSize;

    /// <summary>At most one describe per object in the whole run (its setup included).</summary>
    private static BenchCap DescribeCap(Dictionary<string, long> calls)
    {
        var describes = calls.Where(c => c.Key.StartsWith("SF GET sobjects/", StringComparison.Ordinal) && c.Key.EndsWith("/describe", StringComparison.Ordinal)).ToList();
        return new BenchCap("describes per object per run (≤ 1)", describes.Count == 0 ? 0 : describes.Max(c => c.Value), 1);
    }
}
