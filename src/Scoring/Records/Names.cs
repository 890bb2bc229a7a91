using System.Text.RegularExpressions;

namespace CrmExtensions.Scoring.Records;

/// <summary>
/// Rules for entity and field names. Both CRMs use ASCII identifiers (Dataverse logical names such as
/// <c>crmx_score</c>, Salesforce API names such as <c>Score__c</c>); anything else is refused, not mangled.
/// </summary>
public static partial class Names
{
    /// <summary>Longest accepted entity or field name.</summary>
    public const int MaxLength = 128;

    /// <summary>Returns the entity name, or throws naming why it is refused.</summary>
    public static string ValidateEntity(string? entity)
    {
        if (entity is null || !Identifier().IsMatch(entity))
        {
            throw new RecordValidationException(
                entity ?? "(null)", null, null,
                $"an entity name must start with a letter and hold only letters, digits and '_' (at most {MaxLength} characters)");
        }

        return entity;
    }

    /// <summary>Returns the field name, or throws naming the entity and why it is refused.</summary>
    public static string ValidateField(string entity, string? recordId, string? field)
    {
        if (field is null || !Identifier().IsMatch(field))
        {
            throw new RecordValidationException(
                entity, recordId, field ?? "(null)",
                $"a field name must start with a letter and hold only letters, digits and '_' (at most {MaxLength} characters)");
        }

        return field;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,127}\z")]
    private static partial Regex Identifier();
}
