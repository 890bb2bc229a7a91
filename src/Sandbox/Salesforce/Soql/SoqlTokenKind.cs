namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary>Kinds of <see cref="SoqlToken"/>.</summary>
internal enum SoqlTokenKind
{
    Word,
    String,
    Symbol,
    End,
}
