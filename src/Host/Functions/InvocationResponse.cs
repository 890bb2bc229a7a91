using System.Text.Json.Serialization;

namespace CrmExtensions.Host.Functions;

/// <summary>
/// The custom-handler response payload (learn.microsoft.com "Azure Functions custom handlers", response payload):
/// <c>Outputs</c> keyed by output binding name, <c>Logs</c> shown in the invocation log, <c>ReturnValue</c> for <c>$return</c>.
/// </summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);
