using System.Text.Json;

namespace CrmExtensions.Connectors.Dataverse.Http;

/// <summary>The error body every Dataverse failure carries: <c>{"error":{"code":"0x…","message":"…"}}</c> (dataverse.md §3 "Error JSON shape").</summary>
internal sealed record DataverseError(string Code, string Message)
{
    public static DataverseError Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return new DataverseError(
                    error.TryGetProperty("code", out var code) ? code.GetString() ?? string.Empty : string.Empty,
                    error.TryGetProperty("message", out var message) ? message.GetString() ?? string.Empty : string.Empty);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy or gateway page): fall through to the generic error below.
        }

        return new DataverseError(string.Empty, body.Length > 200 ? body[..200] : body);
    }
}
