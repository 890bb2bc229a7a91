using CrmExtensions.Install;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Salesforce.Tests;

/// <summary>The CRMX_ fields: one file per catalogue field, with the type, size and history setting Salesforce needs.</summary>
public sealed class CustomFieldTests
{
    private static readonly SalesforceProject Project = Generated.Project();

    [Fact]
    public void Generate_DefaultCatalogue_OneFieldFilePerCatalogueFieldAndNoOthers()
    {
        var files = Project.Under("objects").Select(f => f.Path).Order(StringComparer.Ordinal).ToList();
        var expected = OutputCatalogue.Default.Fields
            .Select(f => $"force-app/main/default/objects/{f.SalesforceObject}/fields/{f.SalesforceName}.field-meta.xml")
            .Order(StringComparer.Ordinal).ToList();

        files.ShouldBe(expected);
        Project.Components["CustomField"].Count.ShouldBe(OutputCatalogue.Default.Fields.Count);
    }

    [Fact]
    public void Generate_DefaultCatalogue_FieldsMatchTheSandboxsCustomFieldsByNameAndType()
    {
        // The sandbox declares the fields the connector writes in every end-to-end test; a field added to the
        // catalogue (or the sandbox) alone fails here.
        var sandbox = new SalesforceSettings().CustomFields.Order(StringComparer.Ordinal).ToList();
        var generated = Project.Under("objects").Select(f =>
        {
            var xml = System.Xml.Linq.XDocument.Parse(f.Content).Root!;
            var obj = f.Path.Split('/')[4];
            var type = xml.Value("type") switch
            {
                "Number" => "double",
                "Text" => "string",
                "LongTextArea" => "textarea",
                "DateTime" => "datetime",
                "Picklist" => "picklist:" + string.Join("|", xml.Descendants(Generated.Md + "value").Select(v => v.Value("fullName"))),
                var other => other,
            };
            return $"{obj}.{xml.Value("fullName")}:{type}";
        }).Order(StringComparer.Ordinal).ToList();

        generated.ShouldBe(sandbox);
    }

    [Fact]
    public void Generate_DefaultCatalogue_HistoryOffAndNeverRequired()
    {
        foreach (var file in Project.Under("objects"))
        {
            var xml = System.Xml.Linq.XDocument.Parse(file.Content).Root!;
            xml.Value("trackHistory").ShouldBe("false", file.Path);
            xml.Value("required").ShouldBe("false", file.Path);
            xml.Value("label")!.Length.ShouldBeInRange(1, 40, file.Path);
        }
    }

    [Theory]
    [InlineData("Lead", "CRMX_Score__c", "Number", "3", "0", null)]
    [InlineData("Account", "CRMX_Customer_Value__c", "Number", "16", "2", null)]
    [InlineData("Account", "CRMX_Segment_Id__c", "Number", "3", "0", null)]
    [InlineData("Account", "CRMX_Segment__c", "Text", null, null, "100")]
    [InlineData("Case", "CRMX_Category__c", "Text", null, null, "100")]
    [InlineData("Case", "CRMX_Category_Alternatives__c", "LongTextArea", null, null, "500")]
    [InlineData("Lead", "CRMX_Reasons__c", "LongTextArea", null, null, "4000")]
    [InlineData("Account", "CRMX_Recommendations__c", "LongTextArea", null, null, "2000")]
    [InlineData("Opportunity", "CRMX_Scored_On__c", "DateTime", null, null, null)]
    public void Generate_DefaultCatalogue_TypesAndSizesFitTheCatalogue(string obj, string field, string type, string? precision, string? scale, string? length)
    {
        var xml = Project.Xml($"force-app/main/default/objects/{obj}/fields/{field}.field-meta.xml");

        xml.Value("type").ShouldBe(type);
        xml.Value("precision").ShouldBe(precision);
        xml.Value("scale").ShouldBe(scale);
        xml.Value("length").ShouldBe(length);
    }

    [Fact]
    public void Generate_TextLongerThanATextField_BecomesALongTextAreaOfThatLength()
    {
        // Write-back cuts text at MaxLength; a Text field holds 255, so anything longer must be a long text area.
        var catalogue = OutputCatalogue.Default.With([Field("CRMX_Long_Note__c", OutputFieldType.Text) with { MaxLength = 256 }]);

        var xml = Generated.Project(catalogue).Xml("force-app/main/default/objects/Lead/fields/CRMX_Long_Note__c.field-meta.xml");

        xml.Value("type").ShouldBe("LongTextArea");
        xml.Value("length").ShouldBe("256");
        xml.Value("visibleLines").ShouldNotBeNull();
    }

    [Fact]
    public void Generate_Picklist_IsRestrictedToTheCataloguesApiNames()
    {
        var xml = Project.Xml("force-app/main/default/objects/Lead/fields/CRMX_Grade__c.field-meta.xml");

        xml.Descendants(Generated.Md + "restricted").Single().Value.ShouldBe("true");
        xml.Descendants(Generated.Md + "value").Select(v => v.Value("fullName")).ShouldBe(OutputCatalogue.Grades.Select(g => g.SalesforceValue));
    }

    [Theory]
    [InlineData("CRMX_Bad__Name__c", "single '_'")]
    [InlineData("Score__c", "start with 'CRMX_'")]
    [InlineData("CRMX_NoSuffix", "ending in __c")]
    [InlineData("CRMX_A_Name_Far_Longer_Than_Forty_Characters_X__c", "at most 40")]
    public void Generate_BadFieldName_FailsNamingTheFieldAndReason(string name, string reason)
    {
        var catalogue = OutputCatalogue.Default.With([Field(name, OutputFieldType.WholeNumber)]);

        var error = Should.Throw<InstallException>(() => Generated.Project(catalogue));

        error.Message.ShouldContain($"Lead.{name}");
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public void Generate_LabelLongerThanForty_FailsNamingTheField()
    {
        var catalogue = OutputCatalogue.Default.With([Field("CRMX_Long_Label__c", OutputFieldType.WholeNumber) with { DisplayName = new string('x', 41) }]);

        Should.Throw<InstallException>(() => Generated.Project(catalogue)).Message.ShouldContain("Lead.CRMX_Long_Label__c: the label");
    }

    internal static OutputField Field(string salesforceName, OutputFieldType type) =>
        new("lead", "extra_" + salesforceName.ToLowerInvariant(), "Extra", type, "extra-model", OutputSlot.Score, "lead", "crmx_extra" + salesforceName.Length, "Lead", salesforceName);
}
