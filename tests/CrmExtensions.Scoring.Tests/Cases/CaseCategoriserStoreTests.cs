using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;

namespace CrmExtensions.Scoring.Tests.Cases;

/// <summary>Label provenance end to end on the real SQLite store: synced case records plus our stored and written outputs.</summary>
public sealed class CaseCategoriserStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-cases-" + Guid.NewGuid().ToString("n"));
    private readonly OrgId _org = OrgId.Parse(Guid.NewGuid().ToString());
    private readonly CaseSpec _spec = new()
    {
        Name = DefaultModels.CaseCategory, Entity = "incident", TextFields = ["title", "description"],
        Labels = new CaseLabelOptions { CategoryField = "crmx_category", ConfirmationField = "crmx_confirmed" },
        Classifier = new CaseClassifierOptions { Trainers = [CaseTrainerKind.AveragedPerceptron] },
    };

    private CrmStore? _store;

    private CrmStore Store => _store!;

    public async Task InitializeAsync() => _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });

    public async Task DisposeAsync() => await Store.DisposeAsync();

    [Fact]
    public async Task TrainAndScore_OurUnconfirmedValues_NeverTrainAndPersonsValuesAreNeverScored()
    {
        var (train, _) = BitextCases.Split(trainPerIntent: 30);
        var texts = train.Where(c => c.Intent is "track_order" or "recover_password" or "get_refund").ToList();
        var records = new List<CrmRecord>();
        var ours = new List<(string Id, string Value, bool Confirmed, string? PersonValue)>();
        for (var i = 0; i < texts.Count; i++)
        {
            var id = $"case-{i:D3}";
            if (i % 5 == 4)
            {
                // We auto-applied a deliberately wrong category here; nobody confirmed it. If it trained, "Poison" would be a class.
                ours.Add((id, "Poison", false, null));
                records.Add(Case(id, texts[i].Text, "Poison", T0.AddHours(2)));
            }
            else
            {
                records.Add(Case(id, texts[i].Text, texts[i].Intent, T0.AddHours(2)));
            }
        }

        // Three more cases show what people did with values we wrote: corrected, confirmed, cleared.
        records.Add(Case("case-900", "where is my parcel, I ordered last week", "track_order", T0.AddHours(2)));
        ours.Add(("case-900", "get_refund", false, "track_order"));
        records.Add(Case("case-901", "I need my money back", "get_refund", T0.AddHours(2), confirmed: true));
        ours.Add(("case-901", "get_refund", true, null));
        records.Add(Case("case-902", "help", null, T0.AddHours(2)));
        ours.Add(("case-902", "recover_password", false, null));
        records.Add(Case("case-903", "I forgot the password of my account", null, T0.AddHours(2)));
        await Store.Records.UpsertAsync(_org, "incident", records, null);
        await Store.Outputs.SaveAsync(_org, [.. ours.Select(o => new OutputValue("incident", o.Id, "crmx_category", new TextValue(o.Value), DefaultModels.CaseCategory, 1, T0))]);
        await Store.Outputs.MarkWrittenAsync(_org, [.. ours.Select(o => new WrittenValue("incident", o.Id, "crmx_category", new TextValue(o.Value), T0.AddHours(1)))]);

        var labels = await CaseCategoriser.ReadLabelsAsync(Store.Records, Store.Outputs, _org, _spec);
        var trained = CaseCategoriser.Train(labels, _spec);
        var scored = new List<string>();
        await foreach (var (recordId, _, outputs) in CaseCategoriser.ScoreAsync(trained.Classifier, labels, _spec, T0.AddHours(3)))
        {
            scored.Add(recordId);
            outputs.Select(o => o.Slot).ShouldContain(OutputSlot.Tier);
        }

        trained.Classifier.Categories.ShouldBe(["get_refund", "recover_password", "track_order"]);
        labels.BySource[LabelSource.OursUnconfirmed].ShouldBe(ours.Count(o => o.Value == "Poison"));
        labels.Cases.Single(c => c.Record.Id == "case-900").Label.Source.ShouldBe(LabelSource.AgentCorrected);
        labels.Cases.Single(c => c.Record.Id == "case-901").Label.Source.ShouldBe(LabelSource.AgentConfirmed);
        labels.Cases.Single(c => c.Record.Id == "case-902").Label.Source.ShouldBe(LabelSource.AgentCleared);
        labels.Corrections.Single(c => c.Category == "get_refund").ShouldBe(new CategoryCorrections("get_refund", 2, 1, 0, 1));
        labels.Corrections.Single(c => c.Category == "recover_password").CorrectionRate.ShouldBe(1);
        // Scored: the empty case and our unconfirmed ones. Never a person's value, nor the case a person cleared.
        scored.ShouldBe([.. ours.Where(o => o.Value == "Poison").Select(o => o.Id).Append("case-903")], ignoreOrder: true);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private CrmRecord Case(string id, string text, string? category, DateTimeOffset modifiedOn, bool confirmed = false) =>
        CrmRecord.Create(_org, "incident", id, modifiedOn,
        [
            new("title", new TextValue(text.Length > 60 ? text[..60] : text)),
            new("description", new LongTextValue(text)),
            new("crmx_category", category is null ? null : new TextValue(category)),
            new("crmx_confirmed", new BoolValue(confirmed)),
        ]);
}
