using System.Text.Json;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Scoring.Tests.Specs;

public sealed class ModelSpecsTests
{
    [Fact]
    public void FromJson_AdminSpecOnCustomTable_ReadsEverySetting()
    {
        const string json = """
            [{
              "name": "case-escalation", "entity": "incident", "kind": "binary",
              "label": { "field": "escalated", "positiveValues": ["true"], "negativeValues": ["false"] },
              "exclude": ["escalatedon"], "sensitive": ["age"], "timeField": "createdon", "minimumPerClass": 30,
              "related": [{ "entity": "email", "parentField": "regardingobjectid", "dateField": "createdon", "windowDays": [7] }]
            }]
            """;

        var spec = ModelSpecs.FromJson(json).Single();

        spec.Kind.ShouldBe(ModelKind.Binary);
        spec.Label!.PositiveValues.ShouldBe(["true"]);
        spec.Exclude.ShouldBe(["escalatedon"]);
        spec.Related.Single().WindowDays.ShouldBe([7]);
        spec.MinimumPerClass.ShouldBe(30);
    }

    [Fact]
    public void FromJson_BinarySpecWithoutPositiveValues_NamesTheSetting()
    {
        var ex = Should.Throw<JsonException>(() => ModelSpecs.FromJson("""[{ "name": "x", "entity": "lead", "label": { "field": "statecode" } }]"""));

        ex.Message.ShouldContain("label.positiveValues");
    }

    [Fact]
    public void Validate_DefaultSpecs_AreValid()
    {
        foreach (var crm in new[] { CrmKind.Dataverse, CrmKind.Salesforce })
        {
            DefaultSpecs.For(crm).Select(s => s.Name).ShouldBe([DefaultModels.LeadConversion, DefaultModels.OpportunityWin, DefaultModels.AccountChurn, DefaultModels.CustomerValue]);
            DefaultSpecs.For(crm).ShouldAllBe(s => ModelSpecs.Validate(s).Count == 0);
        }
    }
}
