using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Install.Salesforce.Tests;

/// <summary>Outbound messages (Workflow metadata) and the record-triggered flows that send them.</summary>
public sealed class EventWiringTests
{
    private static readonly SalesforceProject Project = Generated.Project();

    private static readonly IReadOnlyList<string> Scored = OutputCatalogue.Default.Fields.Select(f => f.SalesforceObject).Distinct().Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Workflow_EachScoredObject_SendsIdsAsTheIntegrationUserToTheEndpointWithTheKey()
    {
        Project.Under("workflows").Select(f => f.Path.Split('/')[^1]).ShouldBe(Scored.Select(o => o + ".workflow-meta.xml"), ignoreOrder: true);
        foreach (var obj in Scored)
        {
            var message = Project.Xml($"force-app/main/default/workflows/{obj}.workflow-meta.xml").All("outboundMessages").Single();

            message.Value("fullName").ShouldBe("CRMX_Record_Changed");
            message.Value("endpointUrl").ShouldBe($"https://crmx.example.com/api/webhooks/salesforce?code={Generated.Key}");
            message.Value("integrationUser").ShouldBe(Generated.User);
            message.Value("includeSessionId").ShouldBe("false");
            // Ids only: LastModifiedById is what the intake's loop guard reads; no customer values leave the org.
            message.All("fields").Select(f => f.Value).ShouldBe(["Id", "LastModifiedById"]);
        }
    }

    [Fact]
    public void Workflow_EndpointWithQuery_KeyIsAppendedAndEscaped()
    {
        var options = Generated.Options("https://crmx.example.com/api/webhooks/salesforce?tenant=eu") with { WebhookKey = "key+with/odd=chars&more" };

        var url = Generated.Project(options: options).Xml("force-app/main/default/workflows/Lead.workflow-meta.xml").Descendants(Generated.Md + "endpointUrl").Single().Value;

        url.ShouldBe("https://crmx.example.com/api/webhooks/salesforce?tenant=eu&code=key%2Bwith%2Fodd%3Dchars%26more");
    }

    [Fact]
    public void Flows_EachScoredObject_CreatedAndChanged_CallItsOutboundMessage()
    {
        Project.Components["Flow"].ShouldBe(Scored.SelectMany(o => new[] { $"CRMX_{o}_Created", $"CRMX_{o}_Changed" }), ignoreOrder: true);
        foreach (var obj in Scored)
        {
            foreach (var (flow, trigger) in new[] { ($"CRMX_{obj}_Created", "Create"), ($"CRMX_{obj}_Changed", "Update") })
            {
                var xml = Project.Xml($"force-app/main/default/flows/{flow}.flow-meta.xml");
                var start = xml.Element(Generated.Md + "start")!;
                start.Value("object").ShouldBe(obj);
                start.Value("recordTriggerType").ShouldBe(trigger);
                start.Value("triggerType").ShouldBe("RecordAfterSave");
                xml.Value("processType").ShouldBe("AutoLaunchedFlow");
                xml.Value("status").ShouldBe("Active");
                var action = xml.All("actionCalls").Single();
                action.Value("actionType").ShouldBe("outboundMessage");
                action.Value("actionName").ShouldBe($"{obj}.CRMX_Record_Changed");
                start.Element(Generated.Md + "connector")!.Value("targetReference").ShouldBe(action.Value("name"));
            }

            Project.Xml($"force-app/main/default/flows/CRMX_{obj}_Created.flow-meta.xml").Element(Generated.Md + "start")!.All("filters").ShouldBeEmpty();
        }
    }

    [Fact]
    public void ChangedFlows_FilterOnFeatureFieldsOnly_NeverOutputsLabelsOrPersonalFields()
    {
        foreach (var obj in Scored)
        {
            var start = Project.Xml($"force-app/main/default/flows/CRMX_{obj}_Changed.flow-meta.xml").Element(Generated.Md + "start")!;
            var filters = start.All("filters").ToList();
            var fields = filters.Select(f => f.Value("field")!).ToList();

            start.Value("filterLogic").ShouldBe("or");
            fields.ShouldNotBeEmpty(obj);
            filters.ShouldAllBe(f => f.Value("operator") == "IsChanged");
            foreach (var field in fields)
            {
                OutputCatalogue.Default.IsOutputFieldName(field).ShouldBeFalse($"{obj}.{field}");
                FeatureSelector.DefaultLeakage.ContainsKey(field).ShouldBeFalse($"{obj}.{field}");
            }

            fields.ShouldNotContain("Email");
            fields.ShouldNotContain("Name");
        }
    }

    [Theory]
    [InlineData("Lead", "Industry", "Status")]
    [InlineData("Opportunity", "Amount", "StageName")]
    [InlineData("Case", "Subject", "Priority")]
    public void ChangedFlows_WatchFeaturesButNotTheLabel(string obj, string feature, string label)
    {
        var fields = Project.Xml($"force-app/main/default/flows/CRMX_{obj}_Changed.flow-meta.xml").Descendants(Generated.Md + "filters").Select(f => f.Value("field")).ToList();

        fields.ShouldContain(feature);
        fields.ShouldNotContain(label);
    }

    [Fact]
    public void FeatureField_AddedByTheAdmin_IsWatchedAndReadable()
    {
        var project = Generated.Project(options: Generated.Options() with { FeatureFields = ["Lead.Budget__c"] });

        project.Xml("force-app/main/default/flows/CRMX_Lead_Changed.flow-meta.xml").Descendants(Generated.Md + "field").Select(f => f.Value).ShouldContain("Budget__c");
        project.Xml("force-app/main/default/permissionsets/CRMX_Integration.permissionset-meta.xml").Descendants(Generated.Md + "field").Select(f => f.Value).ShouldContain("Lead.Budget__c");
    }

    [Theory]
    [InlineData("Lead.CRMX_Score__c", "output fields never trigger")]
    [InlineData("Budget__c", "Object.Field")]
    [InlineData("Order.Budget__c", "Order has no output fields")]
    public void FeatureField_Bad_FailsNamingIt(string field, string reason)
    {
        var error = Should.Throw<InstallException>(() => Generated.Project(options: Generated.Options() with { FeatureFields = [field] }));

        error.Message.ShouldContain(field);
        error.Message.ShouldContain(reason);
    }
}
