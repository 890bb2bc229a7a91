using System.Text;
using System.Text.Json;
using CrmExtensions.Host.Endpoints;

namespace CrmExtensions.Host.Functions;

/// <summary>
/// The custom-handler request payload: <c>{"Data": {binding: value}, "Metadata": {...}}</c>. For an HTTP trigger that
/// is not forwarded, <c>Data.req</c> holds <c>Url</c>, <c>Method</c>, <c>Query</c>, <c>Headers</c> (values as strings or
/// arrays of strings) and <c>Body</c> (a string, or JSON when the host parsed it).
/// </summary>
public static class InvocationRequest
{
    /// <summary>Reads <c>Data.req</c> as a webhook request; null when the payload has no HTTP request.</summary>
    public static IntakeRequest? HttpRequest(JsonElement payload, string binding = "req")
    {
        if (payload.ValueKind != JsonValueKind.Object || !TryGet(payload, "Data", out var data) || data.ValueKind != JsonValueKind.Object
            || !TryGet(data, binding, out var req))
        {
            return null;
        }

        if (req.ValueKind == JsonValueKind.String && req.GetString() is { } text && text.TrimStart().StartsWith('{'))
        {
            using var nested = JsonDocument.Parse(text);
            return HttpRequest(JsonDocument.Parse($"{{\"Data\":{{\"{binding}\":{nested.RootElement.GetRawText()}}}}}").RootElement, binding);
        }

        if (req.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var headers = Map(req, "Headers");
        var query = Map(req, "Query");
        byte[] body = TryGet(req, "Body", out var b) ? b.ValueKind switch
        {
            JsonValueKind.String => Encoding.UTF8.GetBytes(b.GetString() ?? string.Empty),
            JsonValueKind.Null or JsonValueKind.Undefined => [],
            _ => Encoding.UTF8.GetBytes(b.GetRawText()),
        } : [];
        return new IntakeRequest(body, name => headers.GetValueOrDefault(name), name => query.GetValueOrDefault(name));
    }

    /// <summary>The HTTP output binding value for a response.</summary>
    public static Dictionary<string, object?> HttpOutput(IntakeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new Dictionary<string, object?>
        {
            ["statusCode"] = response.StatusCode,
            ["body"] = response.Body,
            ["headers"] = new Dictionary<string, string> { ["Content-Type"] = response.ContentType },
        };
    }

    // Property names are matched case-insensitively: the host's samples use both "Data" and "data".
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static Dictionary<string, string> Map(JsonElement req, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!TryGet(req, name, out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return map;
        }

        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Array => property.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()).FirstOrDefault(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
            if (value is not null)
            {
                map[property.Name] = value;
            }
        }

        return map;
    }
}
