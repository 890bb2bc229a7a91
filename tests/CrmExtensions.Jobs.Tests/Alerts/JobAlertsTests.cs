using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Jobs.Alerts;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using CrmExtensions.Testing.Builders;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Jobs.Tests.Alerts;

/// <summary>Alerts from job runs, over a real SQLite store and the sandbox's Web API: once per incident, again after recovery.</summary>
public sealed class JobAlertsTests : IAsyncLifetime
{
    private static readonly TimeSpan RepeatAfter = TimeSpan.FromHours(4);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-alerts-" + Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingAlertSink _channel = new();
    private CrmStore _store = null!;
    private IAlertSink _alerts = null!;
    private AlertingJobRunStore _runs = null!;

    public async Task InitializeAsync()
    {
        _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        _alerts = new DeduplicatingAlertSink(_channel, _time, RepeatAfter);
        _runs = new AlertingJobRunStore(_store.JobRuns, _alerts);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SyncFailingEveryFiveMinutes_AlertsOnce_ResolvesOnSuccess_AndAlertsAgainOnTheNextFailure()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 60, Seed = 5 });
        using var connector = Connect(sandbox);
        var org = (await connector.Source.CheckAsync()).Org!.Value;
        var sync = new SyncJob(_store.Records, _store.Cursors, _runs, _time);
        using var down = DataverseConnector.Create(new DataverseOptions
        {
            EnvironmentUrl = new Uri("http://127.0.0.1:9/org1"), Authority = sandbox.Credentials.Authority, ClientId = "x", ClientSecret = "y",
            MaxRetries = 0, Tables = { "lead" },
        });

        for (var attempt = 0; attempt < 12; attempt++)
        {
            (await sync.RunAsync(org, down.Source, "lead", full: false)).Succeeded.ShouldBeFalse();
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        _channel.OfKind(AlertKinds.JobFailed).ShouldHaveSingleItem().Subject.ShouldBe("sync:lead");
        (await sync.RunAsync(org, connector.Source, "lead", full: false)).Succeeded.ShouldBeTrue();
        _channel.Resolved.ShouldHaveSingleItem().ShouldBe(new AlertKey(AlertKinds.JobFailed, org.Value, "sync:lead"));
        (await sync.RunAsync(org, down.Source, "lead", full: false)).Succeeded.ShouldBeFalse();
        _channel.OfKind(AlertKinds.JobFailed).Count().ShouldBe(2);
    }

    [Fact]
    public async Task ExpiredDeltaToken_AlertsFullResync_OncePerIncident()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0, Scale = 60, Seed = 5, Faults = new FaultSettings { DeltaTokenExpiry = 1 },
        });
        using var connector = Connect(sandbox);
        var org = (await connector.Source.CheckAsync()).Org!.Value;
        var sync = new SyncJob(_store.Records, _store.Cursors, _runs, _time);

        (await sync.RunAsync(org, connector.Source, "lead", full: false)).Resynced.ShouldBeFalse();
        _channel.Raised.ShouldBeEmpty();
        var second = await sync.RunAsync(org, connector.Source, "lead", full: false);
        var third = await sync.RunAsync(org, connector.Source, "lead", full: false);

        second.Resynced.ShouldBeTrue();
        third.Resynced.ShouldBeTrue();
        var alert = _channel.OfKind(AlertKinds.FullResync).ShouldHaveSingleItem();
        alert.Org.ShouldBe(org.Value);
        alert.Subject.ShouldBe("sync:lead");
    }

    [Fact]
    public async Task ChallengerWorseThanChampion_AlertsChallengerRejected()
    {
        var org = TestOrgs.Unique();
        var train = new TrainJob(_store.Records, _store.Models, _runs, _time);
        var spec = new ModelSpec
        {
            Name = "lead-conversion", Entity = "lead",
            Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] },
        };
        await _store.Records.UpsertAsync(org, "lead", Leads(org, 400, informative: true), null);
        (await train.RunAsync(org, spec)).Promoted.ShouldBeTrue();
        _channel.Raised.ShouldBeEmpty();

        // The label becomes noise: the retrained model cannot beat the champion on the same held-out rows.
        await _store.Records.UpsertAsync(org, "lead", Leads(org, 400, informative: false), null);
        var decision = await train.RunAsync(org, spec);

        decision.Promoted.ShouldBeFalse(decision.Reason);
        var alert = _channel.OfKind(AlertKinds.ChallengerRejected).ShouldHaveSingleItem();
        alert.Subject.ShouldBe("train:lead-conversion");
        alert.Message.ShouldContain($"version {decision.Registered.Version}");
    }

    [Fact]
    public async Task DriftAboveThreshold_AlertsOnceWithFieldNames_AndResolvesWhenARunHasNone()
    {
        var org = TestOrgs.Unique();
        var drift = new AlertingDriftStore(_store.Drift, _alerts, threshold: 0.25);
        var drifted = new DriftMeasurement(org, "lead-conversion", 1, null, _time.GetUtcNow(), 500,
            [new FeatureDrift("leadsourcecode", 0.61, true), new FeatureDrift("numberofemployees", 0.05, false)]);

        await drift.SaveAsync(drifted);
        await drift.SaveAsync(drifted with { MeasuredAt = _time.GetUtcNow().AddHours(1) });

        var alert = _channel.OfKind(AlertKinds.Drift).ShouldHaveSingleItem();
        alert.Message.ShouldContain("leadsourcecode (PSI 0.61)");
        alert.Message.ShouldNotContain("numberofemployees");
        (await _store.Drift.ListAsync(org, "lead-conversion", 10)).Count.ShouldBe(2);

        await drift.SaveAsync(drifted with { Features = [new FeatureDrift("leadsourcecode", 0.02, false)] });
        _channel.Resolved.ShouldHaveSingleItem().Kind.ShouldBe(AlertKinds.Drift);
    }

    [Fact]
    public async Task TwoProcessesSharingTheStore_FailingInTurn_AlertOnce_AndTheOtherProcessesSuccessResolvesIt()
    {
        // A host instance and a scheduled `crmx sync`, say: each with its own sink, both with the store's incidents.
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 60, Seed = 5 });
        using var connector = Connect(sandbox);
        var org = (await connector.Source.CheckAsync()).Org!.Value;
        using var first = new DeduplicatingAlertSink(_channel, _time, RepeatAfter, _store.AlertIncidents);
        using var second = new DeduplicatingAlertSink(_channel, _time, RepeatAfter, _store.AlertIncidents);
        var syncs = new[] { first, second }.Select(sink => new SyncJob(_store.Records, _store.Cursors, new AlertingJobRunStore(_store.JobRuns, sink), _time)).ToArray();
        using var down = DataverseConnector.Create(new DataverseOptions
        {
            EnvironmentUrl = new Uri("http://127.0.0.1:9/org1"), Authority = sandbox.Credentials.Authority, ClientId = "x", ClientSecret = "y",
            MaxRetries = 0, Tables = { "lead" },
        });

        for (var attempt = 0; attempt < 6; attempt++)
        {
            (await syncs[attempt % 2].RunAsync(org, down.Source, "lead", full: false)).Succeeded.ShouldBeFalse();
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        _channel.OfKind(AlertKinds.JobFailed).ShouldHaveSingleItem();
        (await syncs[1].RunAsync(org, connector.Source, "lead", full: false)).Succeeded.ShouldBeTrue();
        _channel.Resolved.ShouldHaveSingleItem();
        (await syncs[0].RunAsync(org, down.Source, "lead", full: false)).Succeeded.ShouldBeFalse();
        _channel.OfKind(AlertKinds.JobFailed).Count().ShouldBe(2);
    }

    private static DataverseConnector Connect(RunningSandbox sandbox) => DataverseConnector.Create(new DataverseOptions
    {
        EnvironmentUrl = sandbox.Orgs[0].Url,
        Authority = sandbox.Credentials.Authority,
        ClientId = sandbox.Credentials.ClientId,
        ClientSecret = sandbox.Credentials.ClientSecret,
        Tables = { "lead" },
    });

    private List<CrmRecord> Leads(OrgId org, int count, bool informative)
    {
        var random = new Random(informative ? 9 : 10);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var source = random.Next(4);
            var converts = informative ? random.NextDouble() < (source == 2 ? 0.9 : 0.1) : random.NextDouble() < 0.5;
            var state = converts ? "1" : "2";
            return new RecordBuilder(org, "lead", $"L{i:D4}")
                .ModifiedOn(_time.GetUtcNow().AddDays(-1 - (i % 100)))
                .With("leadsourcecode", new OptionValue(source.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Source {source}"))
                .With("numberofemployees", random.Next(1, 1000))
                .With("statecode", new OptionValue(state, state))
                .Build();
        })];
    }
}
