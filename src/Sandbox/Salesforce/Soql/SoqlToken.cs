namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary>A lexical token: Word (identifier, keyword or unquoted literal), String (unescaped), Symbol, or End.</summary>
internal readonly record struct SoqlToken(SoqlTokenKind Kind, string Text, int Position);
