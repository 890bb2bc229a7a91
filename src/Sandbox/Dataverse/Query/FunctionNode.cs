namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary><c>contains/startswith/endswith(property, 'text')</c>.</summary>
internal sealed record FunctionNode(string Function, string Property, string Argument) : FilterNode;
