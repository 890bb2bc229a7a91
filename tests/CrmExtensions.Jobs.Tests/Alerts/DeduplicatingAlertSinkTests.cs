using CrmExtensions.Jobs.Alerts;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Jobs.Tests.Alerts;

public sealed class DeduplicatingAlertSinkTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(4);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingAlertSink _inner = new();

    [Fact]
    public async Task JobFailingEveryMinute_AlertsOncePerWindow_AndSaysHowManyWereHeldBack()
    {
        var sink = new DeduplicatingAlertSink(_inner, _time, Window);
        for (var minute = 0; minute < 5 * 60; minute++)
        {
            await sink.RaiseAsync(Failure("sync:lead"));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        // Minutes 0 and 240 go out; the second says 239 repeats were held back.
        _inner.Raised.Count.ShouldBe(2);
        _inner.Raised.Last().Message.ShouldContain("239 repeats held back");
    }

    [Fact]
    public async Task Recovery_EndsTheIncident_SoTheNextFailureAlertsAtOnce()
    {
        var sink = new DeduplicatingAlertSink(_inner, _time, Window);
        await sink.RaiseAsync(Failure("sync:lead"));
        _time.Advance(TimeSpan.FromMinutes(5));
        await sink.ResolveAsync(Failure("sync:lead").Key);
        _time.Advance(TimeSpan.FromMinutes(5));
        await sink.RaiseAsync(Failure("sync:lead"));

        _inner.Raised.Count.ShouldBe(2);
        _inner.Resolved.ShouldHaveSingleItem().ShouldBe(Failure("sync:lead").Key);
    }

    [Fact]
    public async Task Resolve_OfAnIncidentThatNeverAlerted_IsNotForwarded()
    {
        var sink = new DeduplicatingAlertSink(_inner, _time, Window);
        await sink.ResolveAsync(Failure("sync:lead").Key);
        _inner.Resolved.ShouldBeEmpty();
    }

    [Fact]
    public async Task DifferentOrgsSubjectsOrKinds_AreSeparateIncidents()
    {
        var sink = new DeduplicatingAlertSink(_inner, _time, Window);
        await sink.RaiseAsync(Failure("sync:lead"));
        await sink.RaiseAsync(Failure("sync:lead") with { Org = "other-org" });
        await sink.RaiseAsync(Failure("sync:contact"));
        await sink.RaiseAsync(Failure("sync:lead") with { Kind = AlertKinds.PartialRun });
        await sink.RaiseAsync(Failure("sync:lead"));

        _inner.Raised.Count.ShouldBe(4);
    }

    [Fact]
    public async Task FloodOfMadeUpSenders_KeepsMemoryBounded_AndANewIncidentStillAlerts()
    {
        var sink = new DeduplicatingAlertSink(_inner, _time, Window);
        for (var i = 0; i < DeduplicatingAlertSink.MaxTracked + 50; i++)
        {
            await sink.RaiseAsync(new Alert(AlertKinds.UnknownOrg, $"org-{i}", "dataverse", "rejected"));
        }

        await sink.RaiseAsync(Failure("sync:lead"));
        _inner.Raised.Count.ShouldBe(DeduplicatingAlertSink.MaxTracked + 51);
    }

    private static Alert Failure(string job) => new(AlertKinds.JobFailed, "0f7c5a2e-0000-4000-8000-000000000001", job, "run r1 failed: lead: stopped after 0 stored batches");
}
