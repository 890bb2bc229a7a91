using System.Xml.Linq;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// <c>customizations.xml</c>: one <c>Entity</c> per table holding only our attributes (the attribute block of
/// dataverse.md §7, entity wrapper UNVERIFIED there), the runtime <c>Role</c> with its privileges by name, and the empty
/// sections an export carries.
/// </summary>
public sealed partial class SolutionPackage
{
    /// <summary>customizations.xml.</summary>
    public XDocument Customizations()
    {
        var entities = new XElement("Entities");
        foreach (var table in Tables)
        {
            var schema = TableNames.Schema(table);
            entities.Add(new XElement("Entity",
                new XElement("Name", new XAttribute("LocalizedName", TableNames.Display(table)), new XAttribute("OriginalName", TableNames.Display(table)), schema),
                new XElement("EntityInfo",
                    new XElement("entity", new XAttribute("Name", schema), new XAttribute("unmodified", 1),
                        new XElement("attributes", _columns.Where(c => c.Table == table).Select(Attribute)))),
                new XElement("RibbonDiffXml",
                    new XElement("CustomActions"), new XElement("Templates", new XElement("RibbonTemplates", new XAttribute("Id", "Mscrm.Templates"))),
                    new XElement("CommandDefinitions"), new XElement("RuleDefinitions", new XElement("TabDisplayRules"), new XElement("DisplayRules"), new XElement("EnableRules")),
                    new XElement("LocLabels"))));
        }

        var role = new XElement("Role",
            new XAttribute("id", $"{{{SolutionIdentity.RuntimeRoleId:D}}}"),
            new XAttribute("name", SolutionIdentity.RuntimeRoleName),
            new XElement("IsCustomizable", 1),
            new XElement("IsAutoAssigned", 0),
            new XElement("RolePrivileges", RolePrivileges.Select(p => new XElement("RolePrivilege", new XAttribute("name", p), new XAttribute("level", "Global")))));

        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("ImportExportXml",
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            entities,
            new XElement("Roles", role),
            new XElement("Workflows"),
            new XElement("FieldSecurityProfiles"),
            new XElement("Templates"),
            new XElement("EntityMaps"),
            new XElement("EntityRelationships"),
            new XElement("OrganizationSettings"),
            new XElement("optionsets"),
            new XElement("CustomControls"),
            new XElement("EntityDataProviders"),
            new XElement("Languages", new XElement("Language", SolutionIdentity.LanguageCode))));
    }

    private static XElement Attribute(ColumnDefinition column)
    {
        var field = column.Field;
        var attribute = new XElement("attribute", new XAttribute("PhysicalName", column.LogicalName),
            new XElement("Type", XmlType(field.Type)),
            new XElement("Name", column.LogicalName),
            new XElement("LogicalName", column.LogicalName),
            new XElement("RequiredLevel", "none"),
            new XElement("DisplayMask", "ValidForAdvancedFind|ValidForForm|ValidForGrid"),
            new XElement("ImeMode", "auto"),
            new XElement("ValidForUpdateApi", 1),
            new XElement("ValidForReadApi", 1),
            new XElement("ValidForCreateApi", 1),
            new XElement("IsCustomField", 1),
            // Off: our columns change on every scoring run (issue 11), as crmx install sets them.
            new XElement("IsAuditEnabled", 0),
            new XElement("IsSecured", 0),
            new XElement("IntroducedVersion", SolutionIdentity.SolutionVersion),
            new XElement("IsCustomizable", 1),
            new XElement("IsRenameable", 1),
            new XElement("CanModifySearchSettings", 1),
            new XElement("CanModifyRequirementLevelSettings", 1),
            new XElement("CanModifyAdditionalSettings", 1),
            new XElement("SourceType", 0),
            new XElement("IsGlobalFilterEnabled", 0),
            new XElement("IsSortableEnabled", 0),
            new XElement("CanModifyGlobalFilterSettings", 1),
            new XElement("CanModifyIsSortableSettings", 1),
            new XElement("IsDataSourceSecret", 0),
            new XElement("AutoNumberFormat", string.Empty),
            new XElement("IsSearchable", 0),
            new XElement("IsFilterable", 0),
            new XElement("IsRetrievable", 0),
            new XElement("IsLocalizable", 0));
        attribute.Add(TypeElements(column));
        attribute.Add(
            new XElement("displaynames", new XElement("displayname", new XAttribute("description", field.DisplayName), new XAttribute("languagecode", SolutionIdentity.LanguageCode))),
            new XElement("Descriptions", Description($"Written by CrmExtensions ({field.Model}); do not edit by hand.")));
        return attribute;
    }

    /// <summary>The customizations.xml <c>Type</c> of an output field's column.</summary>
    public static string XmlType(OutputFieldType type) => type switch
    {
        OutputFieldType.Text => "nvarchar",
        OutputFieldType.LongText => "ntext",
        OutputFieldType.WholeNumber => "int",
        OutputFieldType.DecimalNumber => "decimal",
        OutputFieldType.DateTime => "datetime",
        OutputFieldType.Choice => "picklist",
        _ => throw new InstallException($"No customizations.xml column type for {type}."),
    };

    // Sizes and ranges are the ones crmx install sends (ColumnDefinition), so both paths make the same column.
    private static IEnumerable<XElement> TypeElements(ColumnDefinition column)
    {
        var field = column.Field;
        var body = column.CreateBody();
        string Number(string name) => body[name]!.ToJsonString();
        switch (field.Type)
        {
            case OutputFieldType.Text:
                var length = body["MaxLength"]!.GetValue<int>();
                yield return new XElement("Format", "text");
                yield return new XElement("MaxLength", length);
                yield return new XElement("Length", length * 2);
                break;
            case OutputFieldType.LongText:
                yield return new XElement("Format", "textarea");
                yield return new XElement("MaxLength", body["MaxLength"]!.GetValue<int>());
                break;
            case OutputFieldType.WholeNumber:
                yield return new XElement("Format", "none");
                yield return new XElement("MinValue", Number("MinValue"));
                yield return new XElement("MaxValue", Number("MaxValue"));
                break;
            case OutputFieldType.DecimalNumber:
                yield return new XElement("MinValue", Number("MinValue"));
                yield return new XElement("MaxValue", Number("MaxValue"));
                yield return new XElement("Accuracy", body["Precision"]!.GetValue<int>());
                break;
            case OutputFieldType.DateTime:
                yield return new XElement("Format", "datetime");
                yield return new XElement("CanChangeDateTimeBehavior", 1);
                yield return new XElement("Behavior", 1);
                break;
            case OutputFieldType.Choice:
                var setName = $"{column.Table}_{column.LogicalName}";
                yield return new XElement("AppDefaultValue", -1);
                yield return new XElement("OptionSetName", setName);
                yield return new XElement("optionset", new XAttribute("Name", setName), new XAttribute("localizedName", field.DisplayName),
                    new XElement("OptionSetType", "picklist"),
                    new XElement("IntroducedVersion", SolutionIdentity.SolutionVersion),
                    new XElement("IsCustomizable", 1),
                    new XElement("displaynames", new XElement("displayname", new XAttribute("description", field.DisplayName), new XAttribute("languagecode", SolutionIdentity.LanguageCode))),
                    new XElement("options", field.Options.Select(o => new XElement("option", new XAttribute("value", o.DataverseValue), new XAttribute("IsHidden", 0),
                        new XElement("labels", new XElement("label", new XAttribute("description", o.Label), new XAttribute("languagecode", SolutionIdentity.LanguageCode)))))));
                break;
            default:
                break;
        }
    }
}
