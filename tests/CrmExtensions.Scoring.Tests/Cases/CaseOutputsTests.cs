using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Tests.Cases;

public sealed class CaseOutputsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToOutputs_AutoTier_MapsToEveryCaseCategoryFieldInBothCrms()
    {
        var prediction = new CasePrediction("Billing", 0.934, CaseTier.Auto, [new("Shipping", 0.04), new("Login", 0.02), new("Product", 0.006)]);

        var outputs = prediction.ToOutputs(DefaultModels.CaseCategory, Now);

        var dataverse = WriteBackMerge.Merge(OutputCatalogue.Default, CrmKind.Dataverse, "incident", "case-1", outputs);
        dataverse.Fields["crmx_category"].ShouldBe(new TextValue("Billing"));
        dataverse.Fields["crmx_categoryconfidence"].ShouldBe(new NumberValue(93));
        dataverse.Fields["crmx_categorytier"].ShouldBe(new OptionValue("Auto", "Auto"));
        dataverse.Fields["crmx_categoryalternatives"].ShouldBe(new TextValue("Shipping (4%); Login (2%); Product (1%)"));
        dataverse.Fields["crmx_categorizedon"].ShouldBe(new DateTimeValue(Now));
        var salesforce = WriteBackMerge.Merge(OutputCatalogue.Default, CrmKind.Salesforce, "Case", "500000000000001AAA", outputs);
        salesforce.Fields.Keys.ShouldBe(["CRMX_Category__c", "CRMX_Category_Confidence__c", "CRMX_Category_Tier__c", "CRMX_Category_Alternatives__c", "CRMX_Categorized_On__c"], ignoreOrder: true);
    }

    [Fact]
    public void ToOutputs_Review_WritesNoCategoryAndStartsAlternativesWithTheBestGuess()
    {
        var classifierPrediction = new CasePrediction("Billing", 0.41, CaseTier.Review, [new("Billing", 0.41), new("Shipping", 0.3), new("Login", 0.2)]);

        var outputs = classifierPrediction.ToOutputs(DefaultModels.CaseCategory, Now);

        outputs.Single(o => o.Slot == OutputSlot.Category).Value.ShouldBeNull();
        outputs.Single(o => o.Slot == OutputSlot.Tier).Value.ShouldBe(new OptionValue("Review", "Review"));
        outputs.Single(o => o.Slot == OutputSlot.Alternatives).Value.ShouldBe(new TextValue("Billing (41%); Shipping (30%); Login (20%)"));
    }

    [Fact]
    public void Alternatives_LongNames_AreCutAtAWholeEntryWithinTheFieldLength()
    {
        var longName = new string('x', 300);
        var prediction = new CasePrediction("a", 0.5, CaseTier.Suggest, [new(longName, 0.2), new(longName, 0.2), new(longName, 0.1)]);

        var text = CaseOutputs.Alternatives(prediction);

        text.Length.ShouldBeLessThanOrEqualTo(CaseOutputs.MaxAlternativesLength);
        text.ShouldBe($"{longName} (20%)");
    }
}
