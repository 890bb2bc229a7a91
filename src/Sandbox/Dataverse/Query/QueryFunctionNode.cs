namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>
/// A Dataverse query function such as <c>Microsoft.Dynamics.CRM.In(PropertyName='x',PropertyValues=['a','b'])</c>
/// or <c>Between</c> (dataverse.md §1).
/// </summary>
internal sealed record QueryFunctionNode(string Function, string Property, IReadOnlyList<string> Values) : FilterNode;
