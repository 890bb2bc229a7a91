using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// The case models that ship, in each CRM's naming: category (labels from the native case type or our
/// person-editable category field), priority, and — where the CRM has a satisfaction field — sentiment.
/// Admins point the category at another field (a Dataverse subject, a Salesforce Reason) in configuration.
/// </summary>
public static class CaseSpecs
{
    /// <summary>Model name of the priority model.</summary>
    public const string Priority = DefaultModels.CasePriority;

    /// <summary>Model name of the sentiment model (from the customer-satisfaction rating).</summary>
    public const string Sentiment = DefaultModels.CaseSentiment;

    /// <summary>The default case specs for <paramref name="crm"/>.</summary>
    public static IReadOnlyList<CaseSpec> For(CrmKind crm) => crm == CrmKind.Dataverse
        ?
        [
            Spec(DefaultModels.CaseCategory, "incident", ["title", "description"], ["caseorigincode"],
                new CaseLabelOptions { CategoryField = "crmx_category", AgentField = "casetypecode" }),
            Spec(Priority, "incident", ["title", "description"], ["caseorigincode"], new CaseLabelOptions { CategoryField = "prioritycode" }),
            Spec(Sentiment, "incident", ["title", "description"], [], new CaseLabelOptions { CategoryField = "customersatisfactioncode" }),
        ]
        :
        [
            Spec(DefaultModels.CaseCategory, "Case", ["Subject", "Description"], ["Origin"],
                new CaseLabelOptions { CategoryField = "CRMX_Category__c", AgentField = "Type" }),
            Spec(Priority, "Case", ["Subject", "Description"], ["Origin"], new CaseLabelOptions { CategoryField = "Priority" }),
            // Salesforce has no standard satisfaction field on Case: no sentiment model unless an admin names one.
        ];

    private static CaseSpec Spec(string name, string entity, string[] text, string[] fields, CaseLabelOptions labels) =>
        entity == "incident"
            ? new() { Name = name, Entity = entity, TextFields = text, StructuredFields = fields, Labels = labels, StateField = "statecode", OpenStates = ["0", "Active"] }
            : new() { Name = name, Entity = entity, TextFields = text, StructuredFields = fields, Labels = labels, StateField = "IsClosed", OpenStates = ["false"] };
}
