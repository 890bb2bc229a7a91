using System.Globalization;

namespace CrmExtensions.Reports.Data;

/// <summary>Entity and job names in the words CRM users know (leads, cases), for both Dataverse and Salesforce names.</summary>
public static class CrmWords
{
    private static readonly Dictionary<string, string> Plurals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lead"] = "Leads", ["opportunity"] = "Opportunities", ["account"] = "Accounts", ["contact"] = "Contacts",
        ["incident"] = "Cases", ["case"] = "Cases", ["task"] = "Tasks", ["phonecall"] = "Phone calls", ["email"] = "Emails",
        ["appointment"] = "Appointments", ["event"] = "Events", ["salesorder"] = "Orders", ["order"] = "Orders",
        ["salesorderdetail"] = "Order lines", ["orderitem"] = "Order lines", ["opportunitylineitem"] = "Opportunity products",
        ["opportunityproduct"] = "Opportunity products", ["product"] = "Products", ["product2"] = "Products",
        ["campaign"] = "Campaigns", ["systemuser"] = "Users", ["user"] = "Users",
    };

    private static readonly Dictionary<string, string> Jobs = new(StringComparer.Ordinal)
    {
        ["sync"] = "Sync of", ["train"] = "Training of", ["score"] = "Scoring with", ["writeback"] = "Write-back of",
    };

    private static readonly Dictionary<string, string> Models = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lead-conversion"] = "which leads convert", ["opportunity-win"] = "which opportunities are won", ["account-churn"] = "which accounts stop buying",
        ["customer-value"] = "what accounts will spend", ["customer-segment"] = "segments of accounts", ["next-best-product"] = "products to offer each account",
        ["case-category"] = "the category of cases", ["case-priority"] = "the priority of cases", ["case-sentiment"] = "customer satisfaction with cases",
    };

    /// <summary>What a shipped model predicts, in the CRM's words ("which leads convert"); null for a model an admin added.</summary>
    public static string? Model(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Models.GetValueOrDefault(model);
    }

    /// <summary>"Leads" for lead or Lead, "Cases" for incident or Case; an unknown entity is shown by its name.</summary>
    public static string Plural(string entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return Plurals.TryGetValue(entity, out var plural) ? plural : entity;
    }

    /// <summary>"Sync of leads" for sync:lead, "Training of lead-conversion" for train:lead-conversion.</summary>
    public static string Job(string job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var colon = job.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !Jobs.TryGetValue(job[..colon], out var verb))
        {
            return job;
        }

        var target = job[(colon + 1)..];
        var noun = job.StartsWith("sync:", StringComparison.Ordinal) || job.StartsWith("writeback:", StringComparison.Ordinal)
            ? Plural(target).ToLower(CultureInfo.InvariantCulture)
            : target;
        return $"{verb} {noun}";
    }

    /// <summary>A write-back outcome in words.</summary>
    public static string Outcome(string outcome) => outcome switch
    {
        "Written" => "written",
        "Failed" => "failed",
        "SkippedUnchanged" => "skipped: unchanged",
        "SkippedImmaterial" => "skipped: change not material",
        "SkippedRecordGone" => "skipped: record deleted in the CRM",
        "SkippedClosed" => "skipped: record closed",
        "SkippedNoAccess" => "skipped: no access",
        _ => outcome,
    };
}
