namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>Splits multipart/mixed bodies and application/http parts (dataverse.md §3 $batch); CRLF or LF line ends.</summary>
internal static class MultipartReader
{
    public static string? Boundary(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var kv = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length == 2 && kv[0].Equals("boundary", StringComparison.OrdinalIgnoreCase))
            {
                return kv[1].Trim('"');
            }
        }

        return null;
    }

    public static List<MultipartPart> Parts(string body, string boundary)
    {
        var text = body.Replace("\r\n", "\n", StringComparison.Ordinal);
        var delimiter = "--" + boundary;
        var parts = new List<MultipartPart>();
        var segments = text.Split(delimiter);
        if (segments.Length < 2)
        {
            throw DataverseException.BadRequest("The batch request body does not contain the boundary given in Content-Type.");
        }

        // segments[0] is the preamble; a segment starting with "--" is the closing delimiter's epilogue.
        foreach (var segment in segments.Skip(1))
        {
            if (segment.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var (headers, content) = SplitHeaders(segment.TrimStart('\n'));
            parts.Add(new MultipartPart(headers, content));
        }

        return parts;
    }

    /// <summary>Parses the HTTP request inside an application/http part.</summary>
    public static (string Method, string Url, Dictionary<string, string> Headers, string Body) Request(string content)
    {
        var trimmed = content.TrimStart('\n');
        var lineEnd = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var requestLine = (lineEnd < 0 ? trimmed : trimmed[..lineEnd]).Trim();
        var pieces = requestLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (pieces.Length < 2)
        {
            throw DataverseException.BadRequest($"Invalid request line in batch part: '{requestLine}'.");
        }

        var (headers, body) = SplitHeaders(lineEnd < 0 ? string.Empty : trimmed[(lineEnd + 1)..]);
        return (pieces[0].ToUpperInvariant(), pieces[1], headers, body.TrimEnd('\n'));
    }

    private static (Dictionary<string, string> Headers, string Content) SplitHeaders(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text[position..end];
            position = Math.Min(end + 1, text.Length);
            if (line.Trim().Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, text[position..]);
    }
}
