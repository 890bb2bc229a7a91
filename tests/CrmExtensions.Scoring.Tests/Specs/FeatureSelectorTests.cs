using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Scoring.Tests.Specs;

public sealed class FeatureSelectorTests
{
    private static readonly ModelSpec Lead = new() { Name = "lead-conversion", Entity = "lead", Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] } };

    private static readonly Dictionary<string, FieldType> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["leadid"] = FieldType.Text,
        ["parentcontactid"] = FieldType.Lookup,
        ["leadsourcecode"] = FieldType.Option,
        ["budgetamount"] = FieldType.Money,
        ["crmx_score"] = FieldType.Number,
        ["CRMX_Score__c"] = FieldType.Number,
        ["statuscode"] = FieldType.Option,
        ["statecode"] = FieldType.Option,
        ["qualifyingopportunityid"] = FieldType.Lookup,
        ["ConvertedDate"] = FieldType.Date,
        ["closeprobability"] = FieldType.Number,
        ["ForecastCategoryName"] = FieldType.Option,
        ["StageName"] = FieldType.Option,
        ["gendercode"] = FieldType.Option,
        ["address1_postalcode"] = FieldType.Text,
        ["Age__c"] = FieldType.Number,
        ["mileage"] = FieldType.Number,
        ["salary"] = FieldType.Text,
        ["external_key"] = FieldType.Text,
        ["versionnumber"] = FieldType.Number,
        ["SystemModstamp"] = FieldType.DateTime,
        ["fullname"] = FieldType.Text,
        ["MobilePhone"] = FieldType.Text,
        ["address1_line1"] = FieldType.Text,
    };

    [Fact]
    public void Select_AutomaticFeatures_AppliesEachDefaultExclusionWithItsRule()
    {
        var selection = FeatureSelector.Select(Lead, Fields, new HashSet<string>(["salary"], StringComparer.OrdinalIgnoreCase));

        var rules = selection.Excluded.ToDictionary(e => e.Field, e => e.Rule);
        rules["statecode"].ShouldBe("label");
        rules["leadid"].ShouldBe("identifier");
        rules["parentcontactid"].ShouldBe("identifier");
        rules["external_key"].ShouldBe("identifier");
        rules["crmx_score"].ShouldBe("output");
        rules["CRMX_Score__c"].ShouldBe("output");
        rules["salary"].ShouldBe("secured");
        rules["gendercode"].ShouldBe("sensitive");
        rules["address1_postalcode"].ShouldBe("sensitive");
        rules["Age__c"].ShouldBe("sensitive");
        rules["statuscode"].ShouldBe("leakage");
        rules["ConvertedDate"].ShouldBe("leakage");
        rules["versionnumber"].ShouldBe("system");
        rules["SystemModstamp"].ShouldBe("system");
        rules["closeprobability"].ShouldBe("leakage");
        rules["ForecastCategoryName"].ShouldBe("leakage");
        rules["StageName"].ShouldBe("leakage");
        rules["qualifyingopportunityid"].ShouldBeOneOf("identifier", "leakage");
        rules["fullname"].ShouldBe("personal");
        rules["MobilePhone"].ShouldBe("personal");
        rules["address1_line1"].ShouldBe("personal");
        selection.Included.Select(f => f.Key).ShouldBe(["budgetamount", "leadsourcecode", "mileage"], ignoreOrder: true);
        selection.Excluded.ShouldAllBe(e => e.Reason.Length > 5);
    }

    [Fact]
    public void Select_ConfiguredSensitiveListAndExclusions_AreHonoured()
    {
        var spec = Lead with { Sensitive = ["mileage"], Exclude = ["budgetamount"] };

        var selection = FeatureSelector.Select(spec, Fields);

        selection.Included.Select(f => f.Key).ShouldBe(["Age__c", "address1_postalcode", "gendercode", "leadsourcecode", "salary"], ignoreOrder: true);
        selection.Excluded.Single(e => e.Field == "budgetamount").Rule.ShouldBe("configured");
    }

    [Fact]
    public void Select_ExplicitFeatureList_KeepsOnlyListedFieldsAndStillExcludesLeakage()
    {
        var spec = Lead with { Features = ["leadsourcecode", "statuscode"] };

        var selection = FeatureSelector.Select(spec, Fields);

        selection.Included.Select(f => f.Key).ShouldBe(["leadsourcecode"]);
        selection.Excluded.Single(e => e.Field == "statuscode").Rule.ShouldBe("leakage");
    }
}
