namespace CrmExtensions.Scoring.Outputs;

/// <summary>The column type an output field is created with in each CRM.</summary>
public enum OutputFieldType
{
    /// <summary>Dataverse whole number; Salesforce Number(3,0).</summary>
    WholeNumber,

    /// <summary>Dataverse decimal; Salesforce Number(16,2).</summary>
    DecimalNumber,

    /// <summary>Dataverse single line of text; Salesforce Text.</summary>
    Text,

    /// <summary>Dataverse multiple lines of text; Salesforce Long Text Area.</summary>
    LongText,

    /// <summary>Dataverse choice; Salesforce picklist.</summary>
    Choice,

    /// <summary>Dataverse date and time (UTC); Salesforce Date/Time.</summary>
    DateTime,
}
