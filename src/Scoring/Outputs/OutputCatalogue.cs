namespace CrmExtensions.Scoring.Outputs;

/// <summary>
/// Every field CrmExtensions writes, per CRM and table: the one source of truth for packages, write-back and
/// feature selection. Names here are installed in customers' orgs and can never change once shipped
/// (Dataverse publisher prefix <c>crmx</c>, option value prefix 10000; Salesforce prefix <c>CRMX_</c>).
/// </summary>
public sealed class OutputCatalogue
{
    private readonly IReadOnlyList<OutputField> _fields;

    /// <summary>Creates a catalogue from a list of fields; (table, field) pairs must be unique in both namings.</summary>
    public OutputCatalogue(IEnumerable<OutputField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
        foreach (var crm in new[] { CrmKind.Dataverse, CrmKind.Salesforce })
        {
            var duplicate = _fields
                .GroupBy(f => (f.TableIn(crm).ToUpperInvariant(), f.NameIn(crm).ToUpperInvariant()))
                .FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"Output field {duplicate.Key.Item1}.{duplicate.Key.Item2} is declared twice ({crm} naming).", nameof(fields));
            }
        }
    }


    /// <summary>Grade choices A–D.</summary>
    public static readonly IReadOnlyList<OutputOption> Grades =
    [
        new("A", 100_000_000, "A"),
        new("B", 100_000_001, "B"),
        new("C", 100_000_002, "C"),
        new("D", 100_000_003, "D"),
    ];

    /// <summary>Confidence tiers of a case category.</summary>
    public static readonly IReadOnlyList<OutputOption> Tiers =
    [
        new("Auto", 100_000_010, "Auto"),
        new("Suggest", 100_000_011, "Suggest"),
        new("Review", 100_000_012, "Review"),
    ];

    // Declared after the option lists it reads: static initialisers run in text order.
    /// <summary>The catalogue of the default models.</summary>
    public static OutputCatalogue Default { get; } = new(BuildDefault());

    /// <summary>All output fields.</summary>
    public IReadOnlyList<OutputField> Fields => _fields;

    /// <summary>This catalogue plus fields an admin configured for added models.</summary>
    public OutputCatalogue With(IEnumerable<OutputField> added) => new(_fields.Concat(added));

    /// <summary>The output fields of one table in the given CRM's naming (table names compare case-insensitively).</summary>
    public IEnumerable<OutputField> ForTable(CrmKind crm, string table) =>
        Fields.Where(f => string.Equals(f.TableIn(crm), table, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="field"/> on <paramref name="table"/> is one of ours, so never a feature.</summary>
    public bool IsOutputField(CrmKind crm, string table, string field) =>
        ForTable(crm, table).Any(f => string.Equals(f.NameIn(crm), field, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when <paramref name="field"/> is ours on any table of any CRM naming. Used where the CRM kind is
    /// unknown (a CSV export named by an admin): our prefixes are reserved.
    /// </summary>
    public bool IsOutputFieldName(string field) =>
        field.StartsWith("crmx_", StringComparison.OrdinalIgnoreCase)
        || Fields.Any(f => string.Equals(f.SalesforceName, field, StringComparison.OrdinalIgnoreCase));

    /// <summary>The field that holds <paramref name="slot"/> of <paramref name="model"/> on the table, or null.</summary>
    public OutputField? Find(CrmKind crm, string table, string model, OutputSlot slot) =>
        ForTable(crm, table).FirstOrDefault(f => f.Model == model && f.Slot == slot);

    private static List<OutputField> BuildDefault()
    {
        var fields = new List<OutputField>();
        AddPrediction(fields, "lead", "Lead", "", "", DefaultModels.LeadConversion, "Conversion");
        AddPrediction(fields, "opportunity", "Opportunity", "", "", DefaultModels.OpportunityWin, "Win");
        AddPrediction(fields, "account", "Account", "churn", "Churn_", DefaultModels.AccountChurn, "Churn");

        fields.Add(new OutputField("account", "customer_value", "Customer value (next 12 months)", OutputFieldType.DecimalNumber,
            DefaultModels.CustomerValue, OutputSlot.Value, "account", "crmx_customervalue", "Account", "CRMX_Customer_Value__c")
        { Minimum = -1e12, Maximum = 1e12 });

        foreach (var (dv, sf) in new[] { ("account", "Account"), ("contact", "Contact") })
        {
            fields.Add(new OutputField(dv, "segment_id", "Segment number", OutputFieldType.WholeNumber,
                DefaultModels.CustomerSegment, OutputSlot.SegmentId, dv, "crmx_segmentid", sf, "CRMX_Segment_Id__c")
            { Minimum = 0, Maximum = 99 });
            fields.Add(new OutputField(dv, "segment_name", "Segment", OutputFieldType.Text,
                DefaultModels.CustomerSegment, OutputSlot.SegmentName, dv, "crmx_segmentname", sf, "CRMX_Segment__c")
            { MaxLength = 100 });
        }

        fields.Add(new OutputField("account", "recommendations", "Recommended products", OutputFieldType.LongText,
            DefaultModels.NextBestProduct, OutputSlot.Recommendations, "account", "crmx_recommendations", "Account", "CRMX_Recommendations__c")
        { MaxLength = 2000 });
        fields.Add(new OutputField("account", "recommendations_on", "Recommended on", OutputFieldType.DateTime,
            DefaultModels.NextBestProduct, OutputSlot.ScoredOn, "account", "crmx_recommendationson", "Account", "CRMX_Recommended_On__c"));

        fields.Add(new OutputField("case", "category", "Suggested category", OutputFieldType.Text,
            DefaultModels.CaseCategory, OutputSlot.Category, "incident", "crmx_category", "Case", "CRMX_Category__c")
        { MaxLength = 100, PersonEditable = true });
        fields.Add(new OutputField("case", "category_confidence", "Category confidence", OutputFieldType.WholeNumber,
            DefaultModels.CaseCategory, OutputSlot.Confidence, "incident", "crmx_categoryconfidence", "Case", "CRMX_Category_Confidence__c")
        { Minimum = 0, Maximum = 100 });
        fields.Add(new OutputField("case", "category_tier", "Category tier", OutputFieldType.Choice,
            DefaultModels.CaseCategory, OutputSlot.Tier, "incident", "crmx_categorytier", "Case", "CRMX_Category_Tier__c")
        { Options = Tiers });
        fields.Add(new OutputField("case", "category_alternatives", "Other likely categories", OutputFieldType.Text,
            DefaultModels.CaseCategory, OutputSlot.Alternatives, "incident", "crmx_categoryalternatives", "Case", "CRMX_Category_Alternatives__c")
        { MaxLength = 500 });
        fields.Add(new OutputField("case", "category_on", "Categorised on", OutputFieldType.DateTime,
            DefaultModels.CaseCategory, OutputSlot.ScoredOn, "incident", "crmx_categorizedon", "Case", "CRMX_Categorized_On__c"));
        AddCasePrediction(fields, DefaultModels.CasePriority, "priority", "Priority", "Suggested priority");
        AddCasePrediction(fields, DefaultModels.CaseSentiment, "sentiment", "Sentiment", "Predicted satisfaction");
        return fields;
    }

    // Value, confidence, tier, alternatives and scored-on of a further case model (priority, sentiment): the same slots
    // as the category (CaseOutputs), named like the binary predictions' prefixes. Not person-editable: people set the
    // CRM's own field (priority, satisfaction), which is where these models read their labels.
    // Dataverse: crmx_{what}, crmx_{what}confidence, crmx_{what}tier, crmx_{what}alternatives, crmx_{what}scoredon;
    // Salesforce: CRMX_{What}__c, CRMX_{What}_Confidence__c, CRMX_{What}_Tier__c, CRMX_{What}_Alternatives__c, CRMX_{What}_Scored_On__c.
    private static void AddCasePrediction(List<OutputField> fields, string model, string dv, string sf, string display)
    {
        fields.Add(new OutputField("case", dv, display, OutputFieldType.Text, model, OutputSlot.Category,
            "incident", $"crmx_{dv}", "Case", $"CRMX_{sf}__c")
        { MaxLength = 100 });
        fields.Add(new OutputField("case", $"{dv}_confidence", $"{display} confidence", OutputFieldType.WholeNumber, model, OutputSlot.Confidence,
            "incident", $"crmx_{dv}confidence", "Case", $"CRMX_{sf}_Confidence__c")
        { Minimum = 0, Maximum = 100 });
        fields.Add(new OutputField("case", $"{dv}_tier", $"{display} tier", OutputFieldType.Choice, model, OutputSlot.Tier,
            "incident", $"crmx_{dv}tier", "Case", $"CRMX_{sf}_Tier__c")
        { Options = Tiers });
        fields.Add(new OutputField("case", $"{dv}_alternatives", $"{display} alternatives", OutputFieldType.Text, model, OutputSlot.Alternatives,
            "incident", $"crmx_{dv}alternatives", "Case", $"CRMX_{sf}_Alternatives__c")
        { MaxLength = 500 });
        fields.Add(new OutputField("case", $"{dv}_scoredon", $"{display} scored on", OutputFieldType.DateTime, model, OutputSlot.ScoredOn,
            "incident", $"crmx_{dv}scoredon", "Case", $"CRMX_{sf}_Scored_On__c"));
    }

    // Score, grade, reasons and scored-on of a binary prediction. Dataverse names: crmx_{prefix}score…;
    // Salesforce: CRMX_{Prefix}Score__c…
    private static void AddPrediction(List<OutputField> fields, string table, string sfObject, string dvPrefix, string sfPrefix, string model, string what)
    {
        fields.Add(new OutputField(table, $"{dvPrefix}score", $"{what} score", OutputFieldType.WholeNumber, model, OutputSlot.Score,
            table, $"crmx_{dvPrefix}score", sfObject, $"CRMX_{sfPrefix}Score__c")
        { Minimum = 0, Maximum = 100 });
        fields.Add(new OutputField(table, $"{dvPrefix}grade", $"{what} grade", OutputFieldType.Choice, model, OutputSlot.Grade,
            table, $"crmx_{dvPrefix}grade", sfObject, $"CRMX_{sfPrefix}Grade__c")
        { Options = Grades });
        fields.Add(new OutputField(table, $"{dvPrefix}reasons", $"{what} score reasons", OutputFieldType.LongText, model, OutputSlot.Reasons,
            table, $"crmx_{dvPrefix}reasons", sfObject, $"CRMX_{sfPrefix}Reasons__c")
        { MaxLength = 4000 });
        fields.Add(new OutputField(table, $"{dvPrefix}scoredon", $"{what} scored on", OutputFieldType.DateTime, model, OutputSlot.ScoredOn,
            table, $"crmx_{dvPrefix}scoredon", sfObject, $"CRMX_{sfPrefix}Scored_On__c"));
    }
}
