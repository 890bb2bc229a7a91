using System.Runtime.CompilerServices;
using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Scoring.Tests.Specs;

namespace CrmExtensions.Scoring.Tests.Cases;

public sealed class CaseSpecsTests
{
    private static readonly OrgId Org = OrgId.Parse("22222222-2222-2222-2222-222222222222");

    [Fact]
    public void For_EachCrm_ShipsCategoryAndPriorityAndDataverseSentiment()
    {
        CaseSpecs.For(CrmKind.Dataverse).Select(s => s.Name).ShouldBe([DefaultModels.CaseCategory, CaseSpecs.Priority, CaseSpecs.Sentiment]);
        CaseSpecs.For(CrmKind.Salesforce).Select(s => s.Name).ShouldBe([DefaultModels.CaseCategory, CaseSpecs.Priority]);
        // The category spec reads our person-editable field from the catalogue.
        foreach (var crm in new[] { CrmKind.Dataverse, CrmKind.Salesforce })
        {
            var spec = CaseSpecs.For(crm)[0];
            OutputCatalogue.Default.Find(crm, spec.Entity, spec.Name, OutputSlot.Category)!.NameIn(crm).ShouldBe(spec.Labels.CategoryField);
        }
    }

    [Fact]
    public async Task Train_PrioritySpec_UsesTheSameCodePathWithChoiceLabels()
    {
        var (train, _) = BitextCases.Split(trainPerIntent: 25);
        var priorityOf = new Dictionary<string, OptionValue>(StringComparer.Ordinal)
        {
            ["payment_issue"] = new("1", "High"), ["track_order"] = new("2", "Normal"), ["newsletter_subscription"] = new("3", "Low"),
        };
        var records = train.Where(c => priorityOf.ContainsKey(c.Intent)).Select((c, i) => CrmRecord.Create(Org, "incident", $"case-{i}", DateTimeOffset.UnixEpoch,
            [new("title", new TextValue(c.Text)), new("description", null), new("caseorigincode", new OptionValue("2", "Email")), new("prioritycode", priorityOf[c.Intent])])).ToList();
        var spec = CaseSpecs.For(CrmKind.Dataverse).Single(s => s.Name == CaseSpecs.Priority) with
        {
            Classifier = new CaseClassifierOptions { Trainers = [CaseTrainerKind.AveragedPerceptron] },
        };

        var labels = await CaseCategoriser.ReadLabelsAsync(new InMemoryRecordStore(records), new NoOutputs(), Org, spec);
        var trained = CaseCategoriser.Train(labels, spec);

        labels.BySource[LabelSource.AgentSet].ShouldBe(records.Count);
        trained.Classifier.Categories.ShouldBe(["High", "Low", "Normal"]);
        trained.Classifier.Predict([CaseInput.FromText("my payment did not go through, the card was declined", null)])[0].Top.ShouldBe("High");
    }

    /// <summary>An output store that holds nothing: no model wrote to these cases yet.</summary>
    private sealed class NoOutputs : IOutputStore
    {
        public Task<int> SaveAsync(OrgId org, IReadOnlyCollection<OutputValue> outputs, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public async IAsyncEnumerable<OutputState> ReadAsync(OrgId org, string table, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield break;
        }

        public Task MarkWrittenAsync(OrgId org, IReadOnlyCollection<WrittenValue> written, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<OutputValue>> ReadHistoryAsync(OrgId org, string table, string recordId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
