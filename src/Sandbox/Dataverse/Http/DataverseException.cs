namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>A request failure that becomes <c>{"error":{"code","message"}}</c> with the given status (dataverse.md §3 "Error JSON shape").</summary>
internal sealed class DataverseException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static DataverseException PropertyNotFound(string property, string entity) =>
        // Observed wire form: code "0x0", OData's message (see docs/sandbox-data.md §Wire decisions).
        new(400, "0x0", $"Could not find a property named '{property}' on type 'Microsoft.Dynamics.CRM.{entity}'.");

    public static DataverseException BadRequest(string message, string code = "0x0") => new(400, code, message);
}
