using System.Text.Json;

namespace CrmExtensions.Connectors.Salesforce.Http;

/// <summary>
/// The error body of a failed REST call: always a JSON array <c>[{"message","errorCode","fields"}]</c> (salesforce.md §5);
/// inside sObject collections the code is <c>statusCode</c> instead (§3c), so both are read.
/// </summary>
internal sealed record SalesforceError(string Code, string Message)
{
    public static SalesforceError Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var first = root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 ? root[0] : root;
            if (first.ValueKind == JsonValueKind.Object)
            {
                return FromElement(first);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a gateway page): fall through to the generic error below.
        }

        return new SalesforceError(string.Empty, body.Length > 200 ? body[..200] : body);
    }

    public static SalesforceError FromElement(JsonElement error) => new(
        Text(error, "errorCode") ?? Text(error, "statusCode") ?? Text(error, "error") ?? string.Empty,
        Text(error, "message") ?? Text(error, "error_description") ?? string.Empty);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
