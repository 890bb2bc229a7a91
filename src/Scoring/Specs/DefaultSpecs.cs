using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Scoring.Specs;

/// <summary>The specs that ship, in each CRM's naming. Admins override or add specs in configuration.</summary>
public static class DefaultSpecs
{
    /// <summary>Lead conversion, opportunity win, account churn and customer value for <paramref name="crm"/>.</summary>
    public static IReadOnlyList<ModelSpec> For(CrmKind crm) => crm == CrmKind.Dataverse ? Dataverse : Salesforce;

    private static readonly IReadOnlyList<ModelSpec> Dataverse =
    [
        // statecode: 0 open, 1 qualified, 2 disqualified.
        new()
        {
            Name = DefaultModels.LeadConversion, Entity = "lead", Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] },
            // The activity tables the connector syncs by default (activitypointer, their common base, is not synced).
            Related =
            [
                new RelatedAggregate { Entity = "task", ParentField = "regardingobjectid", DateField = "createdon" },
                new RelatedAggregate { Entity = "phonecall", ParentField = "regardingobjectid", DateField = "createdon" },
                new RelatedAggregate { Entity = "email", ParentField = "regardingobjectid", DateField = "createdon" },
            ],
        },
        // statecode: 0 open, 1 won, 2 lost.
        new() { Name = DefaultModels.OpportunityWin, Entity = "opportunity", Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] } },
        new()
        {
            Name = DefaultModels.AccountChurn, Entity = "account",
            PointInTime = new PointInTimeSpec { EventEntity = "salesorder", ParentField = "customerid", DateField = "submitdate", AmountField = "totalamount", HorizonDays = 180 },
        },
        new()
        {
            Name = DefaultModels.CustomerValue, Entity = "account", Kind = ModelKind.Regression,
            PointInTime = new PointInTimeSpec { EventEntity = "salesorder", ParentField = "customerid", DateField = "submitdate", AmountField = "totalamount", HorizonDays = 365 },
        },
    ];

    private static readonly IReadOnlyList<ModelSpec> Salesforce =
    [
        new()
        {
            Name = DefaultModels.LeadConversion, Entity = "Lead", TimeField = "CreatedDate",
            // The standard closed statuses; open ones ("Open - Not Contacted", "Working - Contacted") are scored, not trained on.
            Label = new LabelSpec { Field = "Status", PositiveValues = ["Closed - Converted"], NegativeValues = ["Closed - Not Converted"] },
            Related = [new RelatedAggregate { Entity = "Task", ParentField = "WhoId", DateField = "CreatedDate" }],
        },
        new()
        {
            Name = DefaultModels.OpportunityWin, Entity = "Opportunity", TimeField = "CreatedDate",
            Label = new LabelSpec { Field = "StageName", PositiveValues = ["Closed Won"], NegativeValues = ["Closed Lost"] },
        },
        new()
        {
            Name = DefaultModels.AccountChurn, Entity = "Account", TimeField = "CreatedDate",
            PointInTime = new PointInTimeSpec { EventEntity = "Order", ParentField = "AccountId", DateField = "EffectiveDate", AmountField = "TotalAmount", HorizonDays = 180 },
        },
        new()
        {
            Name = DefaultModels.CustomerValue, Entity = "Account", Kind = ModelKind.Regression, TimeField = "CreatedDate",
            PointInTime = new PointInTimeSpec { EventEntity = "Order", ParentField = "AccountId", DateField = "EffectiveDate", AmountField = "TotalAmount", HorizonDays = 365 },
        },
    ];
}
