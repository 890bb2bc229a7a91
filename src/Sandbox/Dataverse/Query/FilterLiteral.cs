namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>A literal: its kind and raw text (strings unescaped).</summary>
internal sealed record FilterLiteral(LiteralKind Kind, string Text);
