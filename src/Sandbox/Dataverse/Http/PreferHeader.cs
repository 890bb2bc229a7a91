namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>The Prefer values Dataverse supports (dataverse.md §0): return=representation, odata.include-annotations,
/// odata.maxpagesize, odata.track-changes, odata.continue-on-error.</summary>
internal sealed record PreferHeader(bool ReturnRepresentation, string? IncludeAnnotations, int? MaxPageSize, bool TrackChanges, bool ContinueOnError)
{
    public static PreferHeader Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return new PreferHeader(false, null, null, false, false);
        }

        bool representation = false, track = false, continueOnError = false;
        string? annotations = null;
        int? pageSize = null;
        foreach (var part in SplitOutsideQuotes(header))
        {
            var item = part.Trim();
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var name = (eq < 0 ? item : item[..eq]).Trim().ToLowerInvariant();
            var value = eq < 0 ? string.Empty : item[(eq + 1)..].Trim().Trim('"');
            switch (name)
            {
                case "return" when value == "representation":
                    representation = true;
                    break;
                case "odata.include-annotations":
                    annotations = value;
                    break;
                case "odata.maxpagesize" when int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var size) && size > 0:
                    pageSize = size;
                    break;
                case "odata.track-changes":
                    track = true;
                    break;
                case "odata.continue-on-error":
                    continueOnError = true;
                    break;
                default:
                    break;
            }
        }

        return new PreferHeader(representation, annotations, pageSize, track, continueOnError);
    }

    /// <summary>Whether an annotation (e.g. OData.Community.Display.V1.FormattedValue) was asked for, by name or wildcard.</summary>
    public bool Wants(string annotation)
    {
        if (IncludeAnnotations is null)
        {
            return false;
        }

        foreach (var pattern in IncludeAnnotations.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (pattern == "*" || pattern == annotation
                || (pattern.EndsWith(".*", StringComparison.Ordinal) && annotation.StartsWith(pattern[..^1], StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> SplitOutsideQuotes(string text)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == ',' && !quoted)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
