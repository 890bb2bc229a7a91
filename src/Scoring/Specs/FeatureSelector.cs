using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// Chooses a spec's features from the fields present on its records, applying the default exclusions in order:
/// the label, ids and keys, our own output fields, secured fields, sensitive attributes, known leakage fields,
/// and the spec's own exclusions. Names compare case-insensitively, ignoring underscores and a Salesforce
/// <c>__c</c> suffix, so the Dataverse and Salesforce spellings match the same rule.
/// </summary>
public static class FeatureSelector
{
    /// <summary>Attributes that must not drive scores about people (fair-lending and equal-treatment rules).</summary>
    public static readonly IReadOnlyList<string> DefaultSensitive =
    [
        "age", "birthdate", "dateofbirth", "gender", "gendercode", "sex", "ethnicity", "race", "religion", "nationality",
        "maritalstatus", "familystatuscode", "disability", "postcode", "postalcode", "zip", "zipcode", "salutation",
    ];

    /// <summary>
    /// Names and contact details (free text): unique per record, so they cannot generalise, and personal — as features
    /// they would put people's names into model artifacts and reasons ("fullname = …: +3").
    /// </summary>
    public static readonly IReadOnlySet<string> DefaultPersonal = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "fullname", "firstname", "lastname", "middlename", "nickname", "yomifullname", "yomifirstname", "yomilastname",
        "email", "emailaddress1", "emailaddress2", "emailaddress3", "phone", "telephone1", "telephone2", "telephone3",
        "mobilephone", "homephone", "otherphone", "fax", "website", "websiteurl",
        "street", "mailingstreet", "billingstreet", "shippingstreet", "otherstreet",
        "address1line1", "address1line2", "address1line3", "address2line1", "address2line2", "address2line3",
        "address1composite", "address2composite", "address1telephone1", "address1fax",
    };

    /// <summary>Fields set only after, or derived from, the outcome; learning from them scores the past, not the future.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultLeakage = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["statuscode"] = "status reason: set when the record is closed",
        ["statecode"] = "status: set when the record is closed",
        ["status"] = "status: set when the record is closed",
        ["qualifyingopportunityid"] = "qualifying opportunity: exists only once the lead is qualified",
        ["originatingleadid"] = "originating lead: set by qualification",
        ["convertedon"] = "converted date: set by conversion",
        ["converteddate"] = "converted date: set by conversion",
        ["isconverted"] = "converted flag: the outcome itself",
        ["convertedaccountid"] = "converted account: set by conversion",
        ["convertedcontactid"] = "converted contact: set by conversion",
        ["convertedopportunityid"] = "converted opportunity: set by conversion",
        ["parentaccountid"] = "parent account set at qualification",
        ["closeprobability"] = "opportunity probability: derived from the sales stage",
        ["probability"] = "opportunity probability: derived from the sales stage",
        ["forecastcategory"] = "forecast category: derived from the stage",
        ["forecastcategoryname"] = "forecast category: derived from the stage",
        ["msdynforecastcategory"] = "forecast category: derived from the stage",
        ["stagename"] = "sales stage: closed stages are the outcome",
        ["stepname"] = "pipeline step: stage-derived",
        ["salesstage"] = "sales stage: closed stages are the outcome",
        ["salesstagecode"] = "sales stage: closed stages are the outcome",
        ["stageid"] = "business process stage: stage-derived",
        ["activestageid"] = "business process stage: stage-derived",
        ["processid"] = "business process: stage-derived",
        ["actualclosedate"] = "actual close date: set when closed",
        ["actualvalue"] = "actual revenue: set when won",
        ["closedon"] = "closed date: set when closed",
        ["isclosed"] = "closed flag: the outcome's timing",
        ["iswon"] = "won flag: the outcome itself",
        ["lastonholdtime"] = "set by status changes",
    };

    /// <summary>
    /// Bookkeeping columns the CRM rewrites on every change. Closing a record changes them, so they leak the outcome's
    /// timing (Dataverse's row version grows with every write), and they say nothing about the customer.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultSystem = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["versionnumber"] = "row version: grows with every write, so it encodes when the record was last changed",
        ["modifiedon"] = "last modified time: closing the record changes it",
        ["lastmodifieddate"] = "last modified time: closing the record changes it",
        ["systemmodstamp"] = "system modification stamp: closing the record changes it",
        ["lastvieweddate"] = "last viewed time: bookkeeping",
        ["lastreferenceddate"] = "last referenced time: bookkeeping",
        ["importsequencenumber"] = "import bookkeeping",
        ["overriddencreatedon"] = "import bookkeeping",
        ["timezoneruleversionnumber"] = "time-zone bookkeeping",
        ["utcconversiontimezonecode"] = "time-zone bookkeeping",
        ["exchangerate"] = "currency conversion rate at the last write: bookkeeping",
    };

    /// <summary>Selects the features of <paramref name="spec"/> among <paramref name="fields"/> (name → type of the values seen).</summary>
    public static FeatureSelection Select(ModelSpec spec, IReadOnlyDictionary<string, FieldType> fields, IReadOnlySet<string>? securedFields = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(fields);
        var included = new List<KeyValuePair<string, FieldType>>();
        var excluded = new List<FeatureExclusion>();
        var sensitive = spec.Sensitive.Select(Normalise).ToHashSet(StringComparer.Ordinal);
        var configured = spec.Exclude.Select(Normalise).ToHashSet(StringComparer.Ordinal);
        var listed = spec.Features?.Select(Normalise).ToHashSet(StringComparer.Ordinal);
        foreach (var (field, type) in fields.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase))
        {
            var exclusion = Exclusion(spec, field, type, sensitive, configured, securedFields);
            if (exclusion is not null)
            {
                excluded.Add(exclusion);
            }
            else if (listed is not null && !listed.Contains(Normalise(field)))
            {
                excluded.Add(new FeatureExclusion(field, "configured", "not in the spec's feature list"));
            }
            else
            {
                included.Add(new KeyValuePair<string, FieldType>(field, type));
            }
        }

        return new FeatureSelection(included, excluded);
    }

    internal static string Normalise(string field)
    {
        var name = field.EndsWith("__c", StringComparison.OrdinalIgnoreCase) ? field[..^3] : field;
        return string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
    }

    private static FeatureExclusion? Exclusion(
        ModelSpec spec, string field, FieldType type, HashSet<string> sensitive, HashSet<string> configured, IReadOnlySet<string>? secured)
    {
        var name = Normalise(field);
        if (spec.Label is not null && Normalise(spec.Label.Field) == name)
        {
            return new FeatureExclusion(field, "label", "the label itself");
        }

        if (IsIdentifier(spec.Entity, field, name, type))
        {
            return new FeatureExclusion(field, "identifier", type == FieldType.Lookup
                ? "a reference to another record (an id); related records enter as aggregates instead"
                : "an id or key: unique per record, so it cannot generalise");
        }

        if (OutputCatalogue.Default.IsOutputFieldName(field))
        {
            return new FeatureExclusion(field, "output", "one of our own output fields: a model must never learn from its own scores");
        }

        if (secured is not null && secured.Contains(field))
        {
            return new FeatureExclusion(field, "secured", "a secured or encrypted field");
        }

        if (sensitive.Contains(name) || sensitive.Any(s => s.Length >= 6 && name.EndsWith(s, StringComparison.Ordinal)))
        {
            return new FeatureExclusion(field, "sensitive", "a sensitive attribute (configurable): scores must not depend on it");
        }

        if (type is FieldType.Text or FieldType.LongText && DefaultPersonal.Contains(name))
        {
            return new FeatureExclusion(field, "personal", "a name or contact detail: unique per record and personal, so never a feature");
        }

        if (DefaultLeakage.TryGetValue(name, out var leak))
        {
            return new FeatureExclusion(field, "leakage", $"leakage: {leak}");
        }

        if (DefaultSystem.TryGetValue(name, out var system))
        {
            return new FeatureExclusion(field, "system", $"system column: {system}");
        }

        if (configured.Contains(name))
        {
            return new FeatureExclusion(field, "configured", "excluded by the spec");
        }

        return null;
    }

    private static bool IsIdentifier(string entity, string field, string name, FieldType type) =>
        type == FieldType.Lookup
        || name == "id"
        || name == Normalise(entity) + "id"
        || ((type is FieldType.Text or FieldType.Number) && (field.EndsWith("_id", StringComparison.OrdinalIgnoreCase) || field.EndsWith("Id", StringComparison.Ordinal)
            || field.EndsWith("ID", StringComparison.Ordinal) || name.EndsWith("key", StringComparison.Ordinal)));
}
