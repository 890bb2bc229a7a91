namespace CrmExtensions.Sandbox;

/// <summary>Settings of the Salesforce API (salesforce.md), including the variants the notes mark UNVERIFIED.</summary>
public sealed record SalesforceSettings
{
    /// <summary>API versions served under <c>/services/data/vXX.X/</c> (the notes' docs show v62–v68).</summary>
    public IReadOnlyList<string> ApiVersions { get; init; } = ["58.0", "59.0", "60.0", "61.0", "62.0", "63.0", "64.0", "65.0", "66.0"];

    /// <summary>DailyApiRequests Max (salesforce.md §5: Developer Edition 15,000); at it, calls fail with 403 REQUEST_LIMIT_EXCEEDED.</summary>
    public int DailyApiRequests { get; init; } = 15_000;

    /// <summary>Concurrent long-running requests allowed (salesforce.md §5: 25 production/sandbox, 5 Developer/Trial).</summary>
    public int ConcurrentLongRunningRequests { get; init; } = 25;

    /// <summary>How long a request runs before it counts as long-running (salesforce.md §5: 20 s).</summary>
    public TimeSpan LongRunningThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Extra segments of <c>Sforce-Limit-Info</c> (salesforce.md §5 lists the variants).</summary>
    public LimitInfoVariant LimitInfo { get; init; } = LimitInfoVariant.ApiUsage;

    /// <summary>Message of the 401 INVALID_SESSION_ID error (salesforce.md §1d; the second is a variant seen in the wild).</summary>
    public string InvalidSessionMessage { get; init; } = "Session expired or invalid";

    /// <summary>Message of the concurrent long-running 403 (salesforce.md §5: text UNVERIFIED).</summary>
    public string LongRunningLimitMessage { get; init; } = "ConcurrentPerOrgLongTxn Limit exceeded.";

    /// <summary>Adds <c>api_instance_url</c> to token responses, as the Postman collection sample does (salesforce.md §1a).</summary>
    public bool TokenIncludesApiInstanceUrl { get; init; }

    /// <summary>Also accept client_id/client_secret as <c>Authorization: Basic</c> (salesforce.md §1a: UNVERIFIED).</summary>
    public bool ClientCredentialsInBasicHeader { get; init; } = true;

    /// <summary>Session timeout: a token unused for this long is rejected (salesforce.md §1a: 2 h of inactivity).</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Serve the generator's leads closed as duplicates (Dataverse status Canceled) as merged-away Salesforce leads:
    /// hidden from query, deleted with MasterRecordId in queryAll (salesforce.md §2b). False serves them as closed leads.
    /// </summary>
    public bool CanceledDuplicatesAsMerged { get; init; } = true;

    /// <summary>
    /// Treat deletes as hard deletes (recycle bin emptied, or a Bulk <c>hardDelete</c>): queryAll (REST and Bulk) no
    /// longer returns the deleted rows, while getDeleted still lists them from the delete log (salesforce.md §2d; whether
    /// a real org lists purged records there is UNVERIFIED). Merged rows are unaffected.
    /// </summary>
    public bool HardDeletes { get; init; }

    /// <summary>PEM public key that JWT bearer assertions must be signed with (RS256); null accepts any signature.</summary>
    public string? JwtPublicKeyPem { get; init; }

    /// <summary>
    /// Ingest-job <c>contentUrl</c> as <c>services/data/v66.0/…</c> (captured response) rather than
    /// <c>services/data/66.0/…</c> (the doc's example); salesforce.md §4a.
    /// </summary>
    public bool ContentUrlVersionWithV { get; init; } = true;

    /// <summary>Outbound messages (salesforce.md §7a); none by default.</summary>
    public IReadOnlyList<OutboundMessageDefinition> OutboundMessages { get; init; } = [];

    /// <summary>First retry delay of an unacknowledged outbound message; it doubles per try (initial value UNVERIFIED).</summary>
    public TimeSpan OutboundFirstRetry { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest delay between outbound tries (salesforce.md §7a: up to 2 h).</summary>
    public TimeSpan OutboundMaxRetryInterval { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Unacknowledged notifications are dropped after this (salesforce.md §7a: 24 h).</summary>
    public TimeSpan OutboundGiveUpAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Custom fields, as <c>Object.Field__c:type</c> (type double, string, textarea — a long text area —, datetime, or
    /// <c>picklist:A|B</c>). The defaults are the output fields CrmExtensions installs (prefix <c>CRMX_</c>), so the
    /// connector's write-back lands in fields of the names it uses; the sandbox references none of our code. The
    /// alternatives fields hold up to 500 characters, more than a Text field's 255, so they are long text areas.
    /// </summary>
    public IReadOnlyList<string> CustomFields { get; init; } =
    [
        "Lead.CRMX_Score__c:double", "Lead.CRMX_Grade__c:picklist:A|B|C|D", "Lead.CRMX_Reasons__c:textarea", "Lead.CRMX_Scored_On__c:datetime",
        "Opportunity.CRMX_Score__c:double", "Opportunity.CRMX_Grade__c:picklist:A|B|C|D", "Opportunity.CRMX_Reasons__c:textarea", "Opportunity.CRMX_Scored_On__c:datetime",
        "Account.CRMX_Churn_Score__c:double", "Account.CRMX_Churn_Grade__c:picklist:A|B|C|D", "Account.CRMX_Churn_Reasons__c:textarea",
        "Account.CRMX_Churn_Scored_On__c:datetime", "Account.CRMX_Customer_Value__c:double", "Account.CRMX_Segment_Id__c:double",
        "Account.CRMX_Segment__c:string", "Account.CRMX_Recommendations__c:textarea", "Account.CRMX_Recommended_On__c:datetime",
        "Contact.CRMX_Segment_Id__c:double", "Contact.CRMX_Segment__c:string",
        "Case.CRMX_Category__c:string", "Case.CRMX_Category_Confidence__c:double", "Case.CRMX_Category_Tier__c:picklist:Auto|Suggest|Review",
        "Case.CRMX_Category_Alternatives__c:textarea", "Case.CRMX_Categorized_On__c:datetime",
        "Case.CRMX_Priority__c:string", "Case.CRMX_Priority_Confidence__c:double", "Case.CRMX_Priority_Tier__c:picklist:Auto|Suggest|Review",
        "Case.CRMX_Priority_Alternatives__c:textarea", "Case.CRMX_Priority_Scored_On__c:datetime",
        "Case.CRMX_Sentiment__c:string", "Case.CRMX_Sentiment_Confidence__c:double", "Case.CRMX_Sentiment_Tier__c:picklist:Auto|Suggest|Review",
        "Case.CRMX_Sentiment_Alternatives__c:textarea", "Case.CRMX_Sentiment_Scored_On__c:datetime",
    ];
}
