using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Testing.Builders;

namespace CrmExtensions.Store.Tests;

/// <summary>The behaviour both store providers must share. Each provider's test class supplies an open store.</summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private CrmStore? _store;

    protected CrmStore Store => _store ?? throw new InvalidOperationException("Store not open.");

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected abstract Task<CrmStore> OpenStoreAsync();

    [SkippableFact]
    public async Task Upsert_SameBatchTwice_SecondWritesNothing()
    {
        var org = TestOrgs.Unique();
        var batch = Leads(org, 3, T0);

        var first = await Store.Records.UpsertAsync(org, "lead", batch, null);
        var second = await Store.Records.UpsertAsync(org, "lead", batch, null);

        first.ShouldBe(new UpsertResult(3, 0));
        second.ShouldBe(new UpsertResult(0, 3));
        (await ReadAll(org, "lead")).Count.ShouldBe(3);
    }

    [SkippableFact]
    public async Task Upsert_OlderCopyAfterNewer_KeepsNewer()
    {
        var org = TestOrgs.Unique();
        var newer = new RecordBuilder(org, "lead", "a").ModifiedOn(T0.AddHours(1)).With("name", "new").Build();
        var older = new RecordBuilder(org, "lead", "a").ModifiedOn(T0).With("name", "old").Build();

        await Store.Records.UpsertAsync(org, "lead", [newer], null);
        var result = await Store.Records.UpsertAsync(org, "lead", [older], null);

        result.Unchanged.ShouldBe(1);
        (await Store.Records.GetAsync(org, "lead", "a"))!["name"].ShouldBe(new TextValue("new"));
    }

    [SkippableFact]
    public async Task Upsert_SameIdTwiceInOneBatch_KeepsNewest()
    {
        var org = TestOrgs.Unique();
        var newer = new RecordBuilder(org, "lead", "a").ModifiedOn(T0.AddHours(1)).With("name", "new").Build();
        var older = new RecordBuilder(org, "lead", "a").ModifiedOn(T0).With("name", "old").Build();

        var result = await Store.Records.UpsertAsync(org, "lead", [newer, older], null);

        result.ShouldBe(new UpsertResult(1, 1));
        (await Store.Records.GetAsync(org, "lead", "a"))!["name"].ShouldBe(new TextValue("new"));
    }

    [SkippableFact]
    public async Task Upsert_Tombstone_HiddenByDefaultAndKeptWithIncludeDeleted()
    {
        var org = TestOrgs.Unique();
        await Store.Records.UpsertAsync(org, "lead", Leads(org, 2, T0), null);

        await Store.Records.UpsertAsync(org, "lead", [CrmRecord.Tombstone(org, "lead", "lead-0", T0.AddMinutes(5))], null);

        (await ReadAll(org, "lead")).Select(r => r.Record.Id).ShouldBe(["lead-1"]);
        var all = await ReadAll(org, "lead", includeDeleted: true);
        all.Count.ShouldBe(2);
        all.Single(r => r.Record.Id == "lead-0").Record.Deleted.ShouldBeTrue();
        (await Store.Records.GetAsync(org, "lead", "lead-0"))!.Deleted.ShouldBeTrue();
    }

    [SkippableFact]
    public async Task Upsert_ReplayedOldUpdateAfterTombstone_StaysDeleted()
    {
        var org = TestOrgs.Unique();
        await Store.Records.UpsertAsync(org, "lead", Leads(org, 1, T0), null);
        await Store.Records.UpsertAsync(org, "lead", [CrmRecord.Tombstone(org, "lead", "lead-0", T0.AddMinutes(5))], null);

        await Store.Records.UpsertAsync(org, "lead", Leads(org, 1, T0), null);

        (await Store.Records.GetAsync(org, "lead", "lead-0"))!.Deleted.ShouldBeTrue();
    }

    [SkippableFact]
    public async Task Upsert_WithCursor_SavesCursorWithBatchAndResetForgetsIt()
    {
        var org = TestOrgs.Unique();

        await Store.Records.UpsertAsync(org, "lead", Leads(org, 2, T0), new SyncCursor("delta", "token-1"));
        await Store.Records.UpsertAsync(org, "lead", [], new SyncCursor("delta", "token-2"));

        (await Store.Cursors.GetAsync(org, "lead", "delta")).ShouldBe(new SyncCursor("delta", "token-2"));
        (await Store.Cursors.GetAsync(org, "lead", "modified")).ShouldBeNull();
        await Store.Cursors.ResetAsync(org, "lead");
        (await Store.Cursors.GetAsync(org, "lead", "delta")).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Upsert_FailsHalfWay_LeavesNoRecordAndNoCursor()
    {
        var org = TestOrgs.Unique();
        var batch = Leads(org, 500, T0).ToList();
        batch.Insert(250, new RecordBuilder(org, "contact", "stray").Build());

        var error = await Should.ThrowAsync<RecordValidationException>(() =>
            Store.Records.UpsertAsync(org, "lead", batch, new SyncCursor("delta", "after-batch")));

        error.Message.ShouldContain("stray");
        (await ReadAll(org, "lead", includeDeleted: true)).ShouldBeEmpty();
        (await Store.Cursors.GetAsync(org, "lead", "delta")).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Records_TwoOrgsWithSameIds_NeverMix()
    {
        var production = TestOrgs.Unique();
        var uat = TestOrgs.Unique();
        var id = Guid.NewGuid().ToString();
        await Store.Records.UpsertAsync(production, "lead", [new RecordBuilder(production, "lead", id).With("name", "prod").Build()], new SyncCursor("delta", "p"));
        await Store.Records.UpsertAsync(uat, "lead", [new RecordBuilder(uat, "lead", id.ToUpperInvariant()).With("name", "uat").Build()], new SyncCursor("delta", "u"));

        await Store.Records.UpsertAsync(uat, "lead", [CrmRecord.Tombstone(uat, "lead", id, T0.AddDays(1))], null);

        var prod = await Store.Records.GetAsync(production, "lead", id);
        prod!.Deleted.ShouldBeFalse();
        prod["name"].ShouldBe(new TextValue("prod"));
        (await Store.Records.GetAsync(uat, "lead", id))!.Deleted.ShouldBeTrue();
        (await Store.Cursors.GetAsync(production, "lead", "delta"))!.Value.ShouldBe("p");
        (await ReadAll(production, "lead")).Count.ShouldBe(1);
    }

    [SkippableFact]
    public async Task Upsert_EveryFieldType_RoundTripsFaithfully()
    {
        var org = TestOrgs.Unique();
        var record = CrmRecord.Create(org, "account", "A-1", T0, AllFieldTypes.Values);

        await Store.Records.UpsertAsync(org, "account", [record], null);
        var read = await Store.Records.GetAsync(org, "account", "A-1");

        read.ShouldNotBeNull();
        read.ModifiedOn.ShouldBe(T0);
        foreach (var (field, value) in AllFieldTypes.Values)
        {
            read.Values.ContainsKey(field).ShouldBeTrue(field);
            read[field].ShouldBe(value, field);
        }

        ((LongTextValue)read["description"]!).Value.Length.ShouldBe(1_000_000);
        ((MoneyValue)read["budgetamount"]!).Amount.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("12.50");
    }

    [SkippableFact]
    public async Task Upsert_OddEntityName_ThrowsWithReasonAndStoresNothing()
    {
        var org = TestOrgs.Unique();

        var error = await Should.ThrowAsync<RecordValidationException>(() =>
            Store.Records.UpsertAsync(org, "lead'; DROP TABLE records; --", [], new SyncCursor("sync", "x")));

        error.Reason.ShouldNotBeNull().ShouldContain("entity name");
        (await Store.Cursors.GetAsync(org, "lead", "sync")).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Outputs_NulInText_ThrowsNamingFieldWithoutValue()
    {
        var org = TestOrgs.Unique();

        var error = await Should.ThrowAsync<RecordValidationException>(() => Store.Outputs.SaveAsync(org,
            [new OutputValue("lead", "L1", "crmx_reasons", new LongTextValue("private\0text"), "lead-conversion", 1, T0)]));

        error.Message.ShouldContain("crmx_reasons");
        error.Message.ShouldNotContain("private");
        (await Collect(Store.Outputs.ReadAsync(org, "lead"))).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Read_AfterVersionAndIdRange_ReturnsOnlyThose()
    {
        var org = TestOrgs.Unique();
        await Store.Records.UpsertAsync(org, "lead", Leads(org, 5, T0), null);
        var before = (await ReadAll(org, "lead")).Max(r => r.Version);
        await Store.Records.UpsertAsync(org, "lead", [new RecordBuilder(org, "lead", "lead-3").ModifiedOn(T0.AddHours(1)).Build()], null);

        var changed = await Collect(Store.Records.ReadAsync(new RecordQuery(org, "lead") { AfterVersion = before }));
        var shard = await Collect(Store.Records.ReadAsync(new RecordQuery(org, "lead") { FromId = "lead-1", ToId = "lead-3" }));

        changed.Select(r => r.Record.Id).ShouldBe(["lead-3"]);
        shard.Select(r => r.Record.Id).ShouldBe(["lead-1", "lead-2"]);
    }

    [SkippableFact]
    public async Task Read_ReferencingAnyWithFields_ReturnsTheReferencingRecordsWithTheNamedFieldsOnly()
    {
        var org = TestOrgs.Unique();
        var parent = "0b2d3f4e-5a6b-4c7d-8e9f-a0b1c2d3e4f5";
        CrmRecord Activity(string id, string regarding) => new RecordBuilder(org, "task", id).ModifiedOn(T0)
            .With("RegardingObjectId", new LookupValue(regarding, "lead")).With("createdon", new DateTimeValue(T0)).With("description", "body").Build();
        await Store.Records.UpsertAsync(org, "task", [Activity("t1", parent), Activity("t2", "other"), Activity("t3", parent.ToUpperInvariant()), Activity("t4", "x" + parent)], null);

        var read = await Collect(Store.Records.ReadAsync(new RecordQuery(org, "task")
        {
            Fields = ["regardingobjectid", "CreatedOn"],
            ReferencingAny = new RecordLookupFilter("regardingobjectid", [parent.ToUpperInvariant()]),
        }));

        // A store may return more (the filter is a hint), never fewer; these two stores return exactly the referencing ones.
        read.Select(r => r.Record.Id).ShouldBe(["t1", "t3"]);
        read.ShouldAllBe(r => r.Record.Values.Count == 2 && r.Record["regardingobjectid"] is LookupValue && r.Record["createdon"] is DateTimeValue);
    }

    [SkippableFact]
    public async Task Outputs_ReadByIds_ReturnsOnlyThoseRecordsInIdOrder()
    {
        var org = TestOrgs.Unique();
        OutputValue Score(string id) => new("lead", id, "crmx_score", new NumberValue(1), "lead-conversion", 1, T0);
        await Store.Outputs.SaveAsync(org, [Score("l1"), Score("l2"), Score("l3"), Score("l4")]);

        var read = await Collect(Store.Outputs.ReadAsync(org, "lead", ["l4", "l2", "missing"]));

        read.Select(s => s.RecordId).ShouldBe(["l2", "l4"]);
    }

    [SkippableFact]
    public async Task Outputs_SaveWriteAndChange_TracksHistoryAndLastWritten()
    {
        var org = TestOrgs.Unique();
        var score1 = new OutputValue("lead", "L1", "crmx_score", new NumberValue(71), "lead-conversion", 1, T0);

        (await Store.Outputs.SaveAsync(org, [score1])).ShouldBe(1);
        (await Store.Outputs.SaveAsync(org, [score1 with { ProducedAt = T0.AddHours(1) }])).ShouldBe(0);
        await Store.Outputs.MarkWrittenAsync(org, [new WrittenValue("lead", "L1", "crmx_score", new NumberValue(71), T0.AddHours(2))]);
        (await Store.Outputs.SaveAsync(org, [score1 with { Value = new NumberValue(80), ModelVersion = 2, ProducedAt = T0.AddDays(1) }])).ShouldBe(1);

        var state = (await Collect(Store.Outputs.ReadAsync(org, "lead"))).Single();
        state.Value.ShouldBe(new NumberValue(80));
        state.ModelVersion.ShouldBe(2);
        state.WrittenValue.ShouldBe(new NumberValue(71));
        state.WrittenAt.ShouldBe(T0.AddHours(2));
        var history = await Store.Outputs.ReadHistoryAsync(org, "lead", "L1");
        history.Select(h => h.Value).ShouldBe([new NumberValue(71), new NumberValue(80)]);
    }

    [SkippableFact]
    public async Task Outputs_MixedBatch_CountsAndHistoryOnlyNewAndChanged()
    {
        var org = TestOrgs.Unique();
        OutputValue Score(string id, double value, int version, DateTimeOffset at) => new("lead", id, "crmx_score", new NumberValue(value), "lead-conversion", version, at);
        var cleared = new OutputValue("lead", "L4", "crmx_reasons", null, "lead-conversion", 1, T0);
        await Store.Outputs.SaveAsync(org, [Score("L1", 10, 1, T0), Score("L2", 20, 1, T0), cleared]);

        // L1 unchanged, L2 changed, L3 new, L4 still null (unchanged), L5 twice in the batch (the later value counts).
        var changed = await Store.Outputs.SaveAsync(org,
        [
            Score("L1", 10, 2, T0.AddDays(1)), Score("L2", 25, 2, T0.AddDays(1)), Score("L3", 30, 2, T0.AddDays(1)),
            cleared with { ModelVersion = 2, ProducedAt = T0.AddDays(1) }, Score("L5", 1, 2, T0.AddDays(1)), Score("L5", 50, 2, T0.AddDays(1)),
        ]);

        changed.ShouldBe(3);
        var states = (await Collect(Store.Outputs.ReadAsync(org, "lead"))).ToDictionary(s => s.RecordId + "/" + s.Field);
        states.Count.ShouldBe(5);
        states.Values.ShouldAllBe(s => s.ModelVersion == 2 && s.ProducedAt == T0.AddDays(1));
        states["L2/crmx_score"].Value.ShouldBe(new NumberValue(25));
        states["L5/crmx_score"].Value.ShouldBe(new NumberValue(50));
        states["L4/crmx_reasons"].Value.ShouldBeNull();
        (await Store.Outputs.ReadHistoryAsync(org, "lead", "L1")).Count.ShouldBe(1);
        (await Store.Outputs.ReadHistoryAsync(org, "lead", "L2")).Select(h => h.Value).ShouldBe([new NumberValue(20), new NumberValue(25)]);
        (await Store.Outputs.ReadHistoryAsync(org, "lead", "L3")).Single().ModelVersion.ShouldBe(2);
        (await Store.Outputs.ReadHistoryAsync(org, "lead", "L4")).Count.ShouldBe(1);
        (await Store.Outputs.ReadHistoryAsync(org, "lead", "L5")).Single().Value.ShouldBe(new NumberValue(50));
    }

    [SkippableFact]
    public async Task Outputs_MarkWrittenWithoutOutput_Throws()
    {
        var org = TestOrgs.Unique();

        await Should.ThrowAsync<InvalidOperationException>(() =>
            Store.Outputs.MarkWrittenAsync(org, [new WrittenValue("lead", "nope", "crmx_score", null, T0)]));
    }

    [SkippableFact]
    public async Task Outputs_TwoOrgs_NeverMix()
    {
        var production = TestOrgs.Unique();
        var uat = TestOrgs.Unique();
        await Store.Outputs.SaveAsync(production, [new OutputValue("lead", "L1", "crmx_grade", new OptionValue("A", "A"), "lead-conversion", 1, T0)]);

        (await Collect(Store.Outputs.ReadAsync(uat, "lead"))).ShouldBeEmpty();
        await Should.ThrowAsync<InvalidOperationException>(() =>
            Store.Outputs.MarkWrittenAsync(uat, [new WrittenValue("lead", "L1", "crmx_grade", null, T0)]));
    }

    [SkippableFact]
    public async Task Registry_PromoteChallenger_RetiresChampionAndKeepsOneChampion()
    {
        var org = TestOrgs.Unique();
        var v1 = await Store.Models.RegisterAsync(Model(org, ModelStatus.Champion, 0.80), new byte[] { 1, 2, 3 });
        var v2 = await Store.Models.RegisterAsync(Model(org, ModelStatus.Challenger, 0.70) with { StatusReason = "AUC below 0.95 × champion" }, new byte[] { 4 });

        v1.Version.ShouldBe(1);
        v2.Version.ShouldBe(2);
        (await Store.Models.ListAsync(org, "lead-conversion")).Single(m => m.Status == ModelStatus.Champion).Version.ShouldBe(1);

        await Store.Models.PromoteAsync(org, "lead-conversion", 2, "promoted by admin");

        var models = await Store.Models.ListAsync(org, "lead-conversion");
        models.Select(m => (m.Version, m.Status)).ShouldBe([(2, ModelStatus.Champion), (1, ModelStatus.Retired)]);
        models[0].StatusReason.ShouldBe("promoted by admin");
        models[1].Metrics.Values["auc"].ShouldBe(0.80);
        (await Store.Models.ReadArtifactAsync(org, "lead-conversion", 1)).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [SkippableFact]
    public async Task Registry_RegisterNewChampion_RetiresOldAndPromoteMissingThrows()
    {
        var org = TestOrgs.Unique();
        await Store.Models.RegisterAsync(Model(org, ModelStatus.Champion, 0.8), new byte[] { 1 });
        await Store.Models.RegisterAsync(Model(org, ModelStatus.Champion, 0.85), new byte[] { 2 });

        (await Store.Models.ListAsync(org)).Count(m => m.Status == ModelStatus.Champion).ShouldBe(1);
        await Should.ThrowAsync<InvalidOperationException>(() => Store.Models.PromoteAsync(org, "lead-conversion", 9, "x"));
        (await Store.Models.ListAsync(TestOrgs.Unique())).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task JobRuns_StartAndFinish_AreListedNewestFirst()
    {
        var org = TestOrgs.Unique();
        var first = await Store.JobRuns.StartAsync(org, "sync:lead", T0);
        var second = await Store.JobRuns.StartAsync(org, "sync:lead", T0.AddMinutes(1));
        await Store.JobRuns.FinishAsync(first.Id, JobStatus.Succeeded, new Dictionary<string, long> { ["read"] = 10 }, null, T0.AddSeconds(30));
        await Store.JobRuns.FinishAsync(second.Id, JobStatus.Failed, new Dictionary<string, long>(), "record lead/7, field 'revenue': not a number", T0.AddMinutes(2));

        var runs = await Store.JobRuns.ListAsync(org, "sync:lead", 10);

        runs.Select(r => r.Status).ShouldBe([JobStatus.Failed, JobStatus.Succeeded]);
        runs[0].Error.ShouldNotBeNull().ShouldContain("lead/7");
        runs[1].Counts["read"].ShouldBe(10);
        runs[1].EndedAt.ShouldBe(T0.AddSeconds(30));
    }

    [SkippableFact]
    public async Task Drift_SavedPerRun_ListedNewestFirstPerModel()
    {
        var org = TestOrgs.Unique();
        await Store.Drift.SaveAsync(new DriftMeasurement(org, "lead-conversion", 1, "run-1", T0, 120,
            [new FeatureDrift("budgetamount", 0.02, false), new FeatureDrift("leadsourcecode", 0.4, true)]));
        await Store.Drift.SaveAsync(new DriftMeasurement(org, "lead-conversion", 2, null, T0.AddHours(1), 80, [new FeatureDrift("budgetamount", 0.31, true)]));
        await Store.Drift.SaveAsync(new DriftMeasurement(org, "opportunity-win", 1, "run-3", T0.AddHours(2), 5, []));

        var lead = await Store.Drift.ListAsync(org, "lead-conversion", 10);

        lead.Select(d => d.Version).ShouldBe([2, 1]);
        lead[0].RunId.ShouldBeNull();
        lead[1].RunId.ShouldBe("run-1");
        lead[1].Rows.ShouldBe(120);
        lead[1].MeasuredAt.ShouldBe(T0);
        lead[1].Features.ShouldBe([new FeatureDrift("budgetamount", 0.02, false), new FeatureDrift("leadsourcecode", 0.4, true)]);
        (await Store.Drift.ListAsync(org, "lead-conversion", 1)).Single().Version.ShouldBe(2);
        (await Store.Drift.ListAsync(TestOrgs.Unique(), "lead-conversion", 10)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Forget_Record_RemovesValuesOutputsAndHistoryAndLaterCopiesAreDropped()
    {
        var org = TestOrgs.Unique();
        await Store.Records.UpsertAsync(org, "lead", Leads(org, 3, T0), null);
        await Store.Outputs.SaveAsync(org, [new OutputValue("lead", "lead-1", "crmx_score", new NumberValue(71), "lead-conversion", 1, T0)]);
        await Store.Outputs.SaveAsync(org, [new OutputValue("lead", "lead-1", "crmx_score", new NumberValue(40), "lead-conversion", 2, T0.AddDays(1))]);
        await Store.Outputs.SaveAsync(org, [new OutputValue("lead", "lead-2", "crmx_score", new NumberValue(55), "lead-conversion", 1, T0)]);

        var report = await Store.Privacy.ForgetAsync(org, "lead", "lead-1", T0.AddDays(2));
        var again = await Store.Privacy.ForgetAsync(org, "lead", "lead-1", T0.AddDays(3));
        var resync = await Store.Records.UpsertAsync(org, "lead", [new RecordBuilder(org, "lead", "lead-1").ModifiedOn(T0.AddDays(5)).With("revenue", 1.0).Build()], null);

        report.Records.ShouldBe(1);
        report.Outputs.ShouldBe(1);
        report.OutputHistory.ShouldBeGreaterThanOrEqualTo(1);
        again.ShouldBe(new ForgetReport(0, 0, 0));
        resync.ShouldBe(new UpsertResult(0, 1));
        (await Store.Records.GetAsync(org, "lead", "lead-1")).ShouldBeNull();
        (await ReadAll(org, "lead")).Select(r => r.Record.Id).ShouldBe(["lead-0", "lead-2"]);
        (await Store.Outputs.ReadHistoryAsync(org, "lead", "lead-1")).ShouldBeEmpty();
        (await Store.Outputs.ReadHistoryAsync(org, "lead", "lead-2")).ShouldNotBeEmpty();
        var outputs = new List<string>();
        await foreach (var state in Store.Outputs.ReadAsync(org, "lead"))
        {
            outputs.Add(state.RecordId);
        }

        outputs.ShouldBe(["lead-2"]);
        (await Store.Privacy.IsForgottenAsync(org, "lead", "lead-1")).ShouldBeTrue();
        (await Store.Privacy.IsForgottenAsync(org, "lead", "lead-2")).ShouldBeFalse();
        (await Store.Privacy.IsForgottenAsync(TestOrgs.Unique(), "lead", "lead-1")).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task Purge_OlderThanPolicy_RemovesOnlyWhatIsDue()
    {
        var org = TestOrgs.Unique();
        var old = T0.AddDays(-400);
        var now = T0;
        await Store.Records.UpsertAsync(org, "lead", Leads(org, 2, old), null);
        await Store.Records.UpsertAsync(org, "lead", [CrmRecord.Tombstone(org, "lead", "lead-0", old.AddDays(1)), CrmRecord.Tombstone(org, "lead", "lead-1", now.AddDays(-1))], null);
        await Store.Outputs.SaveAsync(org, [new OutputValue("lead", "lead-9", "crmx_score", new NumberValue(1), "lead-conversion", 1, old)]);
        await Store.Outputs.SaveAsync(org, [new OutputValue("lead", "lead-9", "crmx_score", new NumberValue(2), "lead-conversion", 2, now)]);
        var oldRun = await Store.JobRuns.StartAsync(org, "sync:lead", old);
        await Store.JobRuns.FinishAsync(oldRun.Id, JobStatus.Succeeded, new Dictionary<string, long>(), null, old);
        var recentRun = await Store.JobRuns.StartAsync(org, "sync:lead", now);
        await Store.Drift.SaveAsync(new DriftMeasurement(org, "lead-conversion", 1, null, old, 1, []));
        await Store.Drift.SaveAsync(new DriftMeasurement(org, "lead-conversion", 1, null, now, 1, []));

        await Store.Privacy.PurgeAsync(new RetentionPolicy(), now);

        // Tombstones hide their last values from readers; the purge must clear them in the table itself.
        (await RawValuesAsync(org, "lead", "lead-0")).ShouldBe("{}");
        (await RawValuesAsync(org, "lead", "lead-1")).ShouldContain("revenue");
        (await Store.Outputs.ReadHistoryAsync(org, "lead", "lead-9")).Select(h => h.ModelVersion).ShouldBe([2]);
        (await Store.JobRuns.ListAsync(org, null, 10)).Select(r => r.Id).ShouldBe([recentRun.Id]);
        (await Store.Drift.ListAsync(org, "lead-conversion", 10)).Single().MeasuredAt.ShouldBe(now);
    }

    [SkippableFact]
    public async Task Connections_BoundToOneOrg_RefuseAnother()
    {
        var name = "prod-" + Guid.NewGuid().ToString("n");
        var org = TestOrgs.Unique();

        await Store.Connections.BindAsync(name, "dataverse", "https://contoso.crm.dynamics.com", org);
        await Store.Connections.BindAsync(name, "dataverse", "https://contoso.crm.dynamics.com", org);

        (await Store.Connections.GetOrgAsync(name)).ShouldBe(org);
        await Should.ThrowAsync<OrgMismatchException>(() =>
            Store.Connections.BindAsync(name, "dataverse", "https://contoso.crm.dynamics.com", TestOrgs.Unique()));
    }

    private static List<CrmRecord> Leads(OrgId org, int count, DateTimeOffset modifiedOn) =>
        [.. Enumerable.Range(0, count).Select(i => new RecordBuilder(org, "lead", $"lead-{i}").ModifiedOn(modifiedOn).With("revenue", i * 10.0).Build())];

    private static RegisteredModel Model(OrgId org, ModelStatus status, double auc) => new()
    {
        Org = org,
        Name = "lead-conversion",
        Kind = ModelKind.Binary,
        Status = status,
        TrainedAt = T0,
        Rows = 1000,
        MlNetVersion = "5.0.1",
        Metrics = new ModelMetrics
        {
            Kind = ModelKind.Binary,
            Split = "time: newest 20%",
            TrainRows = 800,
            HoldoutRows = 200,
            Values = new Dictionary<string, double> { ["auc"] = auc },
        },
    };

    private async Task<string> RawValuesAsync(OrgId org, string entity, string id)
    {
        await using var connection = await Store.Database.OpenAsync(CancellationToken.None);
        await using var command = Sql.DbExtensions.Command(connection, "SELECT values_json FROM records WHERE org = @org AND entity = @entity AND id = @id");
        Sql.DbExtensions.Add(command, "@org", org.Value);
        Sql.DbExtensions.Add(command, "@entity", entity);
        Sql.DbExtensions.Add(command, "@id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private Task<List<StoredRecord>> ReadAll(OrgId org, string entity, bool includeDeleted = false) =>
        Collect(Store.Records.ReadAsync(new RecordQuery(org, entity) { IncludeDeleted = includeDeleted }));

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
