using System.Diagnostics;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Jobs;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Purchases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// The whole loop against the in-process Dataverse sandbox: install our columns, full sync, train, score, write back;
/// then simulated user changes, an incremental sync, rescoring and a write-back that sends only material changes.
/// </summary>
internal sealed class DemoRunner(int scale, int seed, int changes, string dataFolder, Action<string> progress)
{
    private static readonly string[] Tables = ["lead", "opportunity", "account"];
    private static readonly string[] Synced = ["lead", "opportunity", "task", "phonecall", "email", "account", "product", "salesorder", "salesorderdetail"];
    private static readonly string[] StoreFiles = ["crmx.db", "crmx.db-wal", "crmx.db-shm"];
    private static readonly string[] ModelNames = [DefaultModels.LeadConversion, DefaultModels.OpportunityWin, DefaultModels.CustomerSegment, DefaultModels.NextBestProduct];

    public async Task<DemoReport> RunAsync(CancellationToken cancellationToken)
    {
        // Every run starts from an empty store: remove only the demo's own database files, never anything else that
        // may sit in a folder the user pointed --data at.
        var folder = Path.Combine(dataFolder, "demo");
        foreach (var file in StoreFiles.Select(f => Path.Combine(folder, f)).Where(File.Exists))
        {
            File.Delete(file);
        }

        progress($"Starting the sandbox ({scale} leads, seed {seed})…");
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = scale, Seed = seed }, cancellationToken);
        var org = sandbox.Orgs[0];
        using var http = new HttpClient();
        var calls = new SandboxCalls(http, sandbox.BaseUrl, org.Key);
        var catalogue = OutputCatalogue.Default;
        await SandboxColumns.InstallAsync(http, sandbox, org,
            catalogue.Fields.Where(f => ModelNames.Contains(f.Model) && Tables.Contains(f.DataverseTable)), cancellationToken);

        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = folder }, cancellationToken);
        using var connector = DataverseConnector.Create(new DataverseOptions
        {
            EnvironmentUrl = org.Url,
            Authority = sandbox.Credentials.Authority,
            ClientId = sandbox.Credentials.ClientId,
            ClientSecret = sandbox.Credentials.ClientSecret,
            Tables = { "lead", "opportunity", "task", "phonecall", "email", "account", "product", "salesorder", "salesorderdetail" },
            BatchSize = 100,
        });
        var check = await connector.Source.CheckAsync(cancellationToken);
        var orgId = check.Org ?? throw new InvalidOperationException($"The sandbox check failed: {string.Join("; ", check.Problems)}");
        await store.Connections.BindAsync("demo", "dataverse", org.Url.ToString(), orgId, cancellationToken);

        var time = TimeProvider.System;
        var specs = DefaultSpecs.For(CrmKind.Dataverse).Where(s => ModelNames.Contains(s.Name)).ToList();
        var sync = new SyncJob(store.Records, store.Cursors, store.JobRuns, time);
        var train = new TrainJob(store.Records, store.Models, store.JobRuns, time);
        var score = new ScoreJob(store.Records, store.Models, store.Outputs, catalogue, store.JobRuns, time, store.Drift);
        var purchases = PurchaseSpec.For(CrmKind.Dataverse);
        var segment = new SegmentJob(store.Records, store.Models, store.Outputs, catalogue, store.JobRuns, time);
        var recommend = new RecommendJob(store.Records, store.Models, store.Outputs, catalogue, store.JobRuns, time);
        var segments = (IReadOnlyList<DemoSegment>)[];
        var writeBack = new WriteBackJob(store.Outputs, store.Records, catalogue, new WriteBackOptions(), store.JobRuns, time);
        var phases = new List<DemoPhase>();
        var outcomes = new Dictionary<WriteStatus, long>();
        long writeCalls = 0;

        async Task Phase(string name, Func<Task<long>> work)
        {
            progress($"{name}…");
            var (before, writesBefore) = await calls.ReadAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            var records = await work();
            var (after, writesAfter) = await calls.ReadAsync(cancellationToken);
            if (name.StartsWith("write-back", StringComparison.Ordinal))
            {
                writeCalls += writesAfter - writesBefore;
            }

            phases.Add(new DemoPhase(name, records, after - before, Math.Round(clock.Elapsed.TotalSeconds, 2)));
        }

        async Task<long> SyncAll(bool full)
        {
            long read = 0;
            foreach (var table in Synced)
            {
                var result = await sync.RunAsync(orgId, connector.Source, table, full, () => connector.Usage.Calls, cancellationToken);
                read += result.Succeeded ? result.Read : throw new InvalidOperationException(result.Error);
            }

            return read;
        }

        async Task<long> ScoreAll()
        {
            long scored = 0;
            foreach (var spec in specs)
            {
                scored += (await score.RunAsync(orgId, CrmKind.Dataverse, spec, cancellationToken)).Scored;
            }

            return scored;
        }

        async Task<long> WriteAll()
        {
            long written = 0;
            foreach (var table in Tables)
            {
                var result = await writeBack.RunAsync(orgId, CrmKind.Dataverse, table, connector.Writer, cancellationToken);
                foreach (var (status, count) in result.Records)
                {
                    outcomes[status] = outcomes.GetValueOrDefault(status) + count;
                }

                written += result[WriteStatus.Written];
            }

            return written;
        }

        await Phase("full sync", () => SyncAll(full: true));
        await Phase("train", async () =>
        {
            long rows = 0;
            foreach (var spec in specs)
            {
                rows += (await train.RunAsync(orgId, spec, cancellationToken)).Registered.Rows;
            }

            return rows;
        });
        await Phase("segment customers", async () =>
        {
            var result = await segment.RunAsync(orgId, CrmKind.Dataverse, purchases, cancellationToken: cancellationToken);
            segments = [.. result.Profiles.OrderByDescending(p => p.Size).Select(p => new DemoSegment(p.Id, p.Name, p.Size))];
            return result.Profiles.Sum(p => (long)p.Size);
        });
        await Phase("recommend products", async () =>
            (await recommend.RunAsync(orgId, CrmKind.Dataverse, purchases, cancellationToken: cancellationToken)).Customers);
        await Phase("score", ScoreAll);
        await Phase("write-back", WriteAll);
        await Phase($"{changes} user changes in the CRM", async () => (await sandbox.SimulateAsync(org.Key, changes)) switch { var (c, u, d) => c + u + d });
        await Phase("incremental sync", () => SyncAll(full: false));
        await Phase("rescore", ScoreAll);
        await Phase("write-back (material changes only)", WriteAll);

        var models = new List<DemoModel>();
        foreach (var name in ModelNames)
        {
            var drift = await store.Drift.ListAsync(orgId, name, 1, cancellationToken) is [var last, ..] ? last : null;
            models.AddRange((await store.Models.ListAsync(orgId, name, cancellationToken)).Select(m => new DemoModel(
                m.Name, m.Kind.ToString().ToLowerInvariant(), m.Version, m.Status.ToString().ToLowerInvariant(), m.StatusReason ?? string.Empty,
                m.Metrics.Values.ToDictionary(v => v.Key, v => Math.Round(v.Value, 4)),
                drift is not null && drift.Version == m.Version ? DriftSummary.Describe(drift.Features) : "")));
        }

        return new DemoReport(
            phases,
            models,
            new DemoWriteBack(
                outcomes.GetValueOrDefault(WriteStatus.Written),
                outcomes.GetValueOrDefault(WriteStatus.SkippedUnchanged),
                outcomes.GetValueOrDefault(WriteStatus.SkippedImmaterial),
                outcomes.GetValueOrDefault(WriteStatus.Failed),
                writeCalls),
            await SampleLeadsAsync(store, orgId, cancellationToken),
            segments,
            await SampleAccountAsync(store, orgId, cancellationToken),
            store.Description,
            (await Commands.ReportCommand.WriteAsync(store, Path.Combine(folder, "report.html"), cancellationToken)).Path);
    }

    // The account with the most recommended products, as an account manager would see it.
    private static async Task<DemoAccount?> SampleAccountAsync(CrmStore store, OrgId org, CancellationToken cancellationToken)
    {
        var byRecord = new Dictionary<string, Dictionary<string, FieldValue?>>(StringComparer.Ordinal);
        await foreach (var state in store.Outputs.ReadAsync(org, "account", cancellationToken))
        {
            if (!byRecord.TryGetValue(state.RecordId, out var fields))
            {
                byRecord[state.RecordId] = fields = new Dictionary<string, FieldValue?>(StringComparer.OrdinalIgnoreCase);
            }

            fields[state.Field] = state.Value;
        }

        var (id, chosen) = byRecord.Where(r => r.Value.ContainsKey("crmx_segmentname") && r.Value.ContainsKey("crmx_recommendations"))
            .OrderBy(r => r.Key, StringComparer.Ordinal).FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }

        var record = await store.Records.GetAsync(org, "account", id, cancellationToken);
        return new DemoAccount(
            id,
            record?["name"] is TextValue name ? name.Value : null,
            (chosen.GetValueOrDefault("crmx_segmentname") as TextValue)?.Value,
            (chosen.GetValueOrDefault("crmx_recommendations") as LongTextValue)?.Value);
    }

    // Three leads with the highest score, as a salesperson would see them.
    private static async Task<IReadOnlyList<DemoRecord>> SampleLeadsAsync(CrmStore store, OrgId org, CancellationToken cancellationToken)
    {
        var byRecord = new Dictionary<string, Dictionary<string, FieldValue?>>(StringComparer.Ordinal);
        await foreach (var state in store.Outputs.ReadAsync(org, "lead", cancellationToken))
        {
            if (!byRecord.TryGetValue(state.RecordId, out var fields))
            {
                byRecord[state.RecordId] = fields = new Dictionary<string, FieldValue?>(StringComparer.OrdinalIgnoreCase);
            }

            fields[state.Field] = state.Value;
        }

        var samples = new List<DemoRecord>();
        foreach (var (id, fields) in byRecord.OrderByDescending(r => (r.Value.GetValueOrDefault("crmx_score") as NumberValue)?.Value ?? -1).Take(3))
        {
            var record = await store.Records.GetAsync(org, "lead", id, cancellationToken);
            samples.Add(new DemoRecord(
                "lead",
                id,
                (record?["fullname"] ?? record?["subject"]) is TextValue name ? name.Value : null,
                (fields.GetValueOrDefault("crmx_score") as NumberValue)?.Value,
                (fields.GetValueOrDefault("crmx_grade") as OptionValue)?.Label,
                (fields.GetValueOrDefault("crmx_reasons") as LongTextValue)?.Value));
        }

        return samples;
    }
}
