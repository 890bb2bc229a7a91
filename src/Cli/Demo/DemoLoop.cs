using System.Diagnostics;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Jobs;
using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// The whole loop for one CRM: install our fields and change notifications, full sync, train (leads, opportunities,
/// case categories), segment, recommend, score, write back; then simulated user edits (and agents saving open cases
/// without a category), which reach the in-process host as webhooks / outbound messages and are rescored and written
/// back by its event worker; then an incremental sync, rescoring and a material-only write-back; and a last refresh
/// with no CRM changes, which must write nothing.
/// </summary>
internal sealed class DemoLoop(DemoCrm crm, DemoHost host, HttpClient http, DemoProgress progress, int changes, TimeSpan webhookTimeout)
{
    /// <summary>Phases per CRM, for the progress bars.</summary>
    public const int PhaseCount = 13;

    private readonly CrmStore _store = host.Store;
    private readonly OutputCatalogue _catalogue = OutputCatalogue.Default;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly List<DemoPhase> _phases = [];
    private readonly Dictionary<WriteStatus, long> _outcomes = [];
    private long _writeBackCalls;

    public async Task<DemoOrgResult> RunAsync(string webhookKey, CancellationToken cancellationToken)
    {
        var calls = new SandboxCalls(http, crm.Sandbox.BaseUrl, crm.Org.Key, crm.IsWrite);
        var kind = crm.Kind;
        var org = await BindAsync(cancellationToken);
        var sync = new SyncJob(_store.Records, _store.Cursors, _store.JobRuns, _time);
        var train = new TrainJob(_store.Records, _store.Models, _store.JobRuns, _time);
        var score = new ScoreJob(_store.Records, _store.Models, _store.Outputs, _catalogue, _store.JobRuns, _time, _store.Drift);
        var segment = new SegmentJob(_store.Records, _store.Models, _store.Outputs, _catalogue, _store.JobRuns, _time);
        var recommend = new RecommendJob(_store.Records, _store.Models, _store.Outputs, _catalogue, _store.JobRuns, _time);
        var caseTrain = new CaseTrainJob(_store.Records, _store.Outputs, _store.Models, _store.JobRuns, _time);
        var caseScore = new CaseScoreJob(_store.Records, _store.Outputs, _store.Models, _catalogue, _store.JobRuns, _time);
        var writeBack = new WriteBackJob(_store.Outputs, _store.Records, _catalogue, new WriteBackOptions(), _store.JobRuns, _time);
        var specs = crm.Specs;
        var caseSpec = crm.CaseSpec;
        IReadOnlyList<DemoSegment> segments = [];
        var caseTiers = new Dictionary<string, long>(StringComparer.Ordinal);
        long casesCategorised = 0;
        string? caseSkipped = null;
        IReadOnlyList<string> uncategorised = [];

        async Task Phase(string name, Func<Task<long>> work, bool writeBackPhase = false)
        {
            progress.Phase(crm.Name, name);
            var (before, writesBefore) = await calls.ReadAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            var records = await work();
            var (after, writesAfter) = await calls.ReadAsync(cancellationToken);
            if (writeBackPhase)
            {
                _writeBackCalls += writesAfter - writesBefore;
            }

            _phases.Add(new DemoPhase(crm.Name, name, records, after - before, writesAfter - writesBefore, Math.Round(clock.Elapsed.TotalSeconds, 2)));
        }

        async Task<long> SyncAll(bool full)
        {
            long read = 0;
            foreach (var table in crm.SyncTables)
            {
                var result = await sync.RunAsync(org, crm.Connector.Source, table, full, crm.Connector.Meter, cancellationToken);
                read += result.Succeeded ? result.Read : throw new InvalidOperationException($"The {crm.Name} sync of {table} failed: {result.Error}");
            }

            return read;
        }

        async Task<long> ScoreAll()
        {
            long scored = 0;
            foreach (var spec in specs)
            {
                scored += (await score.RunAsync(org, kind, spec, cancellationToken)).Scored;
            }

            // Open cases without a person's category; once categorised, a case keeps its category until someone changes it.
            var cases = await caseScore.RunAsync(org, kind, caseSpec, cancellationToken);
            caseSkipped ??= cases.Skipped;
            casesCategorised += cases.Scored;
            foreach (var (tier, count) in cases.Tiers)
            {
                caseTiers[tier.ToString()] = caseTiers.GetValueOrDefault(tier.ToString()) + count;
            }

            return scored + cases.Scored;
        }

        async Task<long> WriteAll()
        {
            long written = 0;
            foreach (var table in crm.OutputTables.Append(crm.CaseTable))
            {
                var result = await writeBack.RunAsync(org, kind, table, crm.Connector.Writer, cancellationToken);
                foreach (var (status, count) in result.Records)
                {
                    _outcomes[status] = _outcomes.GetValueOrDefault(status) + count;
                }

                written += result[WriteStatus.Written];
            }

            return written;
        }

        await Phase("install fields and webhooks", () => crm.InstallAsync(new Uri(host.BaseUrl, $"api/webhooks/{crm.Name}"), webhookKey, cancellationToken));
        await Phase("full sync", () => SyncAll(full: true));
        await Phase("train", async () =>
        {
            long rows = 0;
            foreach (var spec in specs)
            {
                rows += (await train.RunAsync(org, spec, cancellationToken)).Registered.Rows;
            }

            var cases = await caseTrain.RunAsync(org, caseSpec, cancellationToken);
            caseSkipped = cases.Skipped;
            return rows + (cases.Result?.Decision.Registered.Metrics.TrainRows ?? 0);
        });
        await Phase("segment customers", async () =>
        {
            var result = await segment.RunAsync(org, kind, crm.Purchases, cancellationToken: cancellationToken);
            segments = [.. result.Profiles.OrderByDescending(p => p.Size).Select(p => new DemoSegment(p.Id, p.Name, p.Size))];
            return result.Profiles.Sum(p => (long)p.Size);
        });
        await Phase("recommend products", async () => (await recommend.RunAsync(org, kind, crm.Purchases, cancellationToken: cancellationToken)).Customers);
        await Phase("score and categorise cases", ScoreAll);
        await Phase("write-back", WriteAll, writeBackPhase: true);
        var tallyBefore = host.Tally.For(crm.Name);
        await Phase($"{changes} user changes in the CRM", async () =>
        {
            // Agents first (a case the simulation then resolves cannot be edited any more), then the users' edits,
            // which include new cases opened without a category.
            uncategorised = await OpenCategorisedCasesAsync(org, Math.Clamp(changes / 10, 0, 50), cancellationToken);
            await crm.UncategoriseAsync(uncategorised, cancellationToken);
            var (created, updated, deleted) = await crm.Sandbox.SimulateAsync(crm.Org.Key, changes);
            return created + updated + deleted + uncategorised.Count;
        });
        await Phase("webhooks → host event pipeline", async () =>
        {
            await host.WaitUntilQuietAsync(crm, http, webhookTimeout, cancellationToken);
            return host.Tally.For(crm.Name).Received - tallyBefore.Received;
        });
        await Phase("incremental sync", () => SyncAll(full: false));
        await Phase("rescore", ScoreAll);
        await Phase("write-back (material changes only)", WriteAll, writeBackPhase: true);
        await Phase("refresh with no CRM changes", async () =>
        {
            await SyncAll(full: false);
            await ScoreAll();
            return await WriteAll();
        }, writeBackPhase: true);
        progress.Done(crm.Name);

        var view = new DemoView(crm, _store, org, _catalogue);
        return new DemoOrgResult(
            _phases,
            await ModelsAsync(org, cancellationToken),
            await view.LeadsAsync(cancellationToken),
            new DemoOrg(
                crm.Name,
                org.Value,
                new DemoWriteBack(
                    _outcomes.GetValueOrDefault(WriteStatus.Written),
                    _outcomes.GetValueOrDefault(WriteStatus.SkippedUnchanged),
                    _outcomes.GetValueOrDefault(WriteStatus.SkippedImmaterial),
                    _outcomes.GetValueOrDefault(WriteStatus.Failed),
                    _writeBackCalls),
                host.Tally.For(crm.Name),
                segments,
                await view.AccountAsync(cancellationToken),
                new DemoCases(
                    uncategorised.Count,
                    casesCategorised,
                    caseTiers,
                    caseSkipped,
                    await view.CaseAsync(uncategorised, cancellationToken))));
    }

    // The same connection name, kind and URL as the host's, so the demo's jobs and the host's event worker share the org.
    private async Task<OrgId> BindAsync(CancellationToken cancellationToken)
    {
        var check = await crm.Connector.Source.CheckAsync(cancellationToken);
        var org = check.Org ?? throw new InvalidOperationException($"The {crm.Name} sandbox check failed: {string.Join("; ", check.Problems)}");
        await _store.Connections.BindAsync(crm.Name, crm.Name, crm.Connector.Url, org, cancellationToken);
        return org;
    }

    // Open cases an agent has categorised, the first by id: the simulated agents clear their category.
    private async Task<IReadOnlyList<string>> OpenCategorisedCasesAsync(OrgId org, int count, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        if (count == 0)
        {
            return ids;
        }

        await foreach (var stored in _store.Records.ReadAsync(new RecordQuery(org, crm.CaseTable), cancellationToken))
        {
            if (crm.CaseSpec.IsOpen(stored.Record) && stored.Record[crm.CaseAgentField] is not null)
            {
                ids.Add(stored.Record.Id);
            }
        }

        return [.. ids.Order(StringComparer.Ordinal).Take(count)];
    }

    private async Task<IReadOnlyList<DemoModel>> ModelsAsync(OrgId org, CancellationToken cancellationToken)
    {
        var models = new List<DemoModel>();
        foreach (var name in DemoCrm.ModelNames.Append(DefaultModels.CaseCategory))
        {
            var drift = await _store.Drift.ListAsync(org, name, 1, cancellationToken) is [var last, ..] ? last : null;
            models.AddRange((await _store.Models.ListAsync(org, name, cancellationToken)).Select(m => new DemoModel(
                crm.Name, m.Name, m.Kind.ToString().ToLowerInvariant(), m.Version, m.Status.ToString().ToLowerInvariant(), m.StatusReason ?? string.Empty,
                m.Metrics.Values.ToDictionary(v => v.Key, v => Math.Round(v.Value, 4)),
                drift is not null && drift.Version == m.Version ? DriftSummary.Describe(drift.Features) : "")));
        }

        return models;
    }
}

/// <summary>What one CRM's loop produced.</summary>
internal sealed record DemoOrgResult(IReadOnlyList<DemoPhase> Phases, IReadOnlyList<DemoModel> Models, IReadOnlyList<DemoRecord> Records, DemoOrg Org);
