using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Tests.Outputs;

public sealed class OutputCatalogueTests
{
    private static readonly OutputCatalogue Catalogue = OutputCatalogue.Default;

    [Fact]
    public void Default_DataverseNames_UsePublisherPrefixAndFitLogicalNameRules()
    {
        foreach (var field in Catalogue.Fields)
        {
            field.DataverseName.ShouldStartWith("crmx_");
            field.DataverseName.ShouldBe(field.DataverseName.ToLowerInvariant());
            field.DataverseName.Length.ShouldBeLessThanOrEqualTo(50);
        }
    }

    [Fact]
    public void Default_SalesforceNames_AreCustomFieldApiNames()
    {
        foreach (var field in Catalogue.Fields)
        {
            field.SalesforceName.ShouldStartWith("CRMX_");
            field.SalesforceName.ShouldEndWith("__c");
            field.SalesforceName.Length.ShouldBeLessThanOrEqualTo(40);
            field.SalesforceName[..^3].ShouldNotContain("__");
        }
    }

    [Fact]
    public void Default_ChoiceFields_HaveOptionsAndOthersDoNot()
    {
        foreach (var field in Catalogue.Fields)
        {
            (field.Type == OutputFieldType.Choice).ShouldBe(field.Options.Count > 0, field.Key);
        }
    }

    [Theory]
    [InlineData(CrmKind.Dataverse, "lead", "crmx_score", true)]
    [InlineData(CrmKind.Dataverse, "LEAD", "CRMX_GRADE", true)]
    [InlineData(CrmKind.Salesforce, "Account", "CRMX_Churn_Score__c", true)]
    [InlineData(CrmKind.Dataverse, "incident", "crmx_category", true)]
    [InlineData(CrmKind.Dataverse, "lead", "revenue", false)]
    [InlineData(CrmKind.Dataverse, "contact", "crmx_score", false)]
    public void IsOutputField_KnowsOurFields(CrmKind crm, string table, string field, bool expected)
    {
        Catalogue.IsOutputField(crm, table, field).ShouldBe(expected);
    }

    [Fact]
    public void Default_EveryBinaryModel_HasScoreGradeReasonsAndScoredOn()
    {
        foreach (var model in new[] { DefaultModels.LeadConversion, DefaultModels.OpportunityWin, DefaultModels.AccountChurn })
        {
            Catalogue.Fields.Where(f => f.Model == model).Select(f => f.Slot)
                .ShouldBe([OutputSlot.Score, OutputSlot.Grade, OutputSlot.Reasons, OutputSlot.ScoredOn], ignoreOrder: true);
        }
    }

    [Fact]
    public void Constructor_DuplicateField_Throws()
    {
        var field = Catalogue.Fields[0];

        Should.Throw<ArgumentException>(() => Catalogue.With([field with { Key = "copy" }]));
    }

    [Fact]
    public void Merge_OutputsOfSeveralModels_OneUpdateInCrmNaming()
    {
        var update = WriteBackMerge.Merge(Catalogue, CrmKind.Salesforce, "Account", "001A",
        [
            new ModelOutput(DefaultModels.AccountChurn, OutputSlot.Score, new NumberValue(12)),
            new ModelOutput(DefaultModels.AccountChurn, OutputSlot.Grade, new OptionValue("D", "D")),
            new ModelOutput(DefaultModels.CustomerSegment, OutputSlot.SegmentName, new TextValue("Champions")),
            new ModelOutput(DefaultModels.NextBestProduct, OutputSlot.Recommendations, null),
        ]);

        update.Table.ShouldBe("Account");
        update.Fields.Keys.ShouldBe(["CRMX_Churn_Score__c", "CRMX_Churn_Grade__c", "CRMX_Segment__c", "CRMX_Recommendations__c"], ignoreOrder: true);
        update.Fields["CRMX_Recommendations__c"].ShouldBeNull();
    }

    [Fact]
    public void Merge_OutputWithoutCatalogueField_ThrowsNamingModel()
    {
        var error = Should.Throw<InvalidOperationException>(() => WriteBackMerge.Merge(Catalogue, CrmKind.Dataverse, "contact", "c1",
            [new ModelOutput(DefaultModels.LeadConversion, OutputSlot.Score, new NumberValue(50))]));

        error.Message.ShouldContain(DefaultModels.LeadConversion);
    }

    // Names are installed in customers' orgs and can never change: pinned here on purpose.
    [Theory]
    [InlineData(DefaultModels.CasePriority, "crmx_priority,crmx_priorityconfidence,crmx_prioritytier,crmx_priorityalternatives,crmx_priorityscoredon",
        "CRMX_Priority__c,CRMX_Priority_Confidence__c,CRMX_Priority_Tier__c,CRMX_Priority_Alternatives__c,CRMX_Priority_Scored_On__c")]
    [InlineData(DefaultModels.CaseSentiment, "crmx_sentiment,crmx_sentimentconfidence,crmx_sentimenttier,crmx_sentimentalternatives,crmx_sentimentscoredon",
        "CRMX_Sentiment__c,CRMX_Sentiment_Confidence__c,CRMX_Sentiment_Tier__c,CRMX_Sentiment_Alternatives__c,CRMX_Sentiment_Scored_On__c")]
    public void Default_CasePriorityAndSentiment_HaveTheCategorysSlotsOnCasesUnderFixedNames(string model, string dataverse, string salesforce)
    {
        var fields = Catalogue.Fields.Where(f => f.Model == model).ToList();

        fields.Select(f => f.Slot).ShouldBe([OutputSlot.Category, OutputSlot.Confidence, OutputSlot.Tier, OutputSlot.Alternatives, OutputSlot.ScoredOn]);
        fields.Select(f => f.Slot).ShouldBe(Catalogue.Fields.Where(f => f.Model == DefaultModels.CaseCategory).Select(f => f.Slot));
        string.Join(',', fields.Select(f => f.DataverseName)).ShouldBe(dataverse);
        string.Join(',', fields.Select(f => f.SalesforceName)).ShouldBe(salesforce);
        fields.ShouldAllBe(f => f.DataverseTable == "incident" && f.SalesforceObject == "Case" && !f.PersonEditable);
        fields.Single(f => f.Slot == OutputSlot.Tier).Options.ShouldBe(OutputCatalogue.Tiers);
        fields.ShouldAllBe(f => f.DisplayName.Length <= 40);
    }
}
