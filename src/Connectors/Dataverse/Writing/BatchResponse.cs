using System.Globalization;
using CrmExtensions.Connectors.Dataverse.Http;

namespace CrmExtensions.Connectors.Dataverse.Writing;

/// <summary>
/// Splits a <c>$batch</c> response into the status and error of each part. Parts come back in request order
/// (dataverse.md §3 "Executed sequentially; responses in request order").
/// </summary>
internal static class BatchResponse
{
    public static IReadOnlyList<(int Status, DataverseError? Error)> Parse(string contentType, string body)
    {
        var boundary = Boundary(contentType) ?? throw new InvalidDataException("The $batch response has no multipart boundary.");
        var results = new List<(int, DataverseError?)>();
        foreach (var part in body.Split("--" + boundary, StringSplitOptions.None).Skip(1))
        {
            if (part.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var http = part.IndexOf("HTTP/1.1 ", StringComparison.Ordinal);
            if (http < 0)
            {
                continue;
            }

            var statusText = part.Substring(http + 9, 3);
            var status = int.Parse(statusText, NumberStyles.Integer, CultureInfo.InvariantCulture);
            var bodyStart = part.IndexOf("\r\n\r\n", http, StringComparison.Ordinal);
            var content = bodyStart < 0 ? string.Empty : part[(bodyStart + 4)..].Trim();
            results.Add((status, status >= 400 ? DataverseError.Parse(content) : null));
        }

        return results;
    }

    private static string? Boundary(string contentType)
    {
        var at = contentType.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : contentType[(at + 9)..].Split(';')[0].Trim().Trim('"');
    }
}
