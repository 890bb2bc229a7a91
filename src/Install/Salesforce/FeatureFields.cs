using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Install.Salesforce;

/// <summary>
/// The fields whose change should have a record scored again, per object: documented standard fields passed through
/// the default specs' feature selection (so labels, leakage, personal and our own output fields never trigger), plus
/// fields an admin names. The generator cannot see the org, so an org's own custom features are added with
/// <c>--feature-field Object.Field__c</c>; anything missed is still caught by the periodic sync.
/// </summary>
internal static class FeatureFields
{
    /// <summary>Candidates (salesforce.md §9 Field Reference); address parts are left out (their access follows the compound address).</summary>
    public static readonly IReadOnlyList<StandardField> Candidates =
    [
        new("Lead", "LeadSource", FieldType.Option), new("Lead", "Industry", FieldType.Option), new("Lead", "Rating", FieldType.Option),
        new("Lead", "NumberOfEmployees", FieldType.Number), new("Lead", "AnnualRevenue", FieldType.Money), new("Lead", "Title", FieldType.Text),
        new("Lead", "Status", FieldType.Option, Required: true), new("Lead", "Company", FieldType.Text, Required: true),
        new("Opportunity", "Amount", FieldType.Money), new("Opportunity", "Type", FieldType.Option), new("Opportunity", "LeadSource", FieldType.Option),
        new("Opportunity", "NextStep", FieldType.Text), new("Opportunity", "CloseDate", FieldType.Date, Required: true),
        new("Opportunity", "StageName", FieldType.Option, Required: true), new("Opportunity", "Probability", FieldType.Number),
        new("Account", "Industry", FieldType.Option), new("Account", "Type", FieldType.Option), new("Account", "Rating", FieldType.Option),
        new("Account", "NumberOfEmployees", FieldType.Number), new("Account", "AnnualRevenue", FieldType.Money), new("Account", "Ownership", FieldType.Option),
        new("Account", "Name", FieldType.Text, Required: true),
        new("Contact", "LeadSource", FieldType.Option), new("Contact", "Title", FieldType.Text), new("Contact", "Department", FieldType.Text),
        new("Contact", "Email", FieldType.Text),
        new("Case", "Subject", FieldType.Text), new("Case", "Origin", FieldType.Option), new("Case", "Type", FieldType.Option),
        new("Case", "Priority", FieldType.Option), new("Case", "Description", FieldType.LongText, LongText: true),
    ];

    /// <summary>
    /// The feature fields of <paramref name="objectName"/>: the candidates some default spec of that object selects
    /// (Case: the case specs' text and structured fields), then <paramref name="added"/> (<c>Object.Field</c>) of that object.
    /// </summary>
    public static IReadOnlyList<StandardField> For(string objectName, IEnumerable<string> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var candidates = Candidates.Where(c => c.Object == objectName).ToList();
        var selected = new HashSet<string>(StringComparer.Ordinal);
        if (objectName == "Case")
        {
            foreach (var spec in CaseSpecs.For(CrmKind.Salesforce))
            {
                selected.UnionWith(spec.TextFields.Concat(spec.StructuredFields));
            }
        }
        else
        {
            var fields = candidates.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
            var specs = DefaultSpecs.For(CrmKind.Salesforce).Where(s => s.Entity == objectName).ToList();
            // Contacts have no binary spec (they are segmented): the default exclusions still apply.
            foreach (var spec in specs.Count > 0 ? specs : [new ModelSpec { Name = DefaultModels.CustomerSegment, Entity = objectName }])
            {
                selected.UnionWith(FeatureSelector.Select(spec, fields).Included.Select(f => f.Key));
            }
        }

        var result = candidates.Where(c => selected.Contains(c.Name)).ToList();
        foreach (var name in added)
        {
            var (obj, field) = Parse(name);
            if (OutputCatalogue.Default.IsOutputFieldName(field) || field.StartsWith("CRMX_", StringComparison.OrdinalIgnoreCase))
            {
                throw new InstallException($"Feature field '{name}': our own output fields never trigger scoring (a write-back would call us back).");
            }

            if (obj == objectName && !result.Any(r => r.Name == field))
            {
                result.Add(new StandardField(obj, field, FieldType.Text));
            }
        }

        return result;
    }

    /// <summary>Splits an admin's <c>Object.Field</c> into its parts, or fails naming it.</summary>
    public static (string Object, string Field) Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !ApiName.IsValid(name[..dot]) || !ApiName.IsValid(name[(dot + 1)..]))
        {
            throw new InstallException($"Feature field '{name}': write it as Object.Field (e.g. Lead.Budget__c).");
        }

        return (name[..dot], name[(dot + 1)..]);
    }
}
