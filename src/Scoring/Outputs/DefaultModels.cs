namespace CrmExtensions.Scoring.Outputs;

/// <summary>Names of the models that ship by default; admins may add more in configuration.</summary>
public static class DefaultModels
{
    /// <summary>Binary: will this lead qualify?</summary>
    public const string LeadConversion = "lead-conversion";

    /// <summary>Binary: will this opportunity be won?</summary>
    public const string OpportunityWin = "opportunity-win";

    /// <summary>Binary: will this account stop buying?</summary>
    public const string AccountChurn = "account-churn";

    /// <summary>Regression: next-period spend of an account in base currency.</summary>
    public const string CustomerValue = "customer-value";

    /// <summary>Segmentation of accounts and contacts.</summary>
    public const string CustomerSegment = "customer-segment";

    /// <summary>Next-best-product recommendations per account.</summary>
    public const string NextBestProduct = "next-best-product";

    /// <summary>Support case categorisation.</summary>
    public const string CaseCategory = "case-category";

    /// <summary>Support case priority (labels from the CRM's priority field).</summary>
    public const string CasePriority = "case-priority";

    /// <summary>Support case sentiment: the customer-satisfaction rating predicted from the case text.</summary>
    public const string CaseSentiment = "case-sentiment";
}
