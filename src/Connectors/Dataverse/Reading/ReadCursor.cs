using System.Globalization;

namespace CrmExtensions.Connectors.Dataverse.Reading;

/// <summary>
/// The opaque cursor a read hands out after each page: a delta link (dataverse.md §2), a next link to resume a paged
/// read (§1), or the last (modifiedon, id) seen on a table without change tracking.
/// </summary>
internal sealed record ReadCursor(ReadCursorKind Kind, string Value)
{
    private const string Separator = "|";

    public static ReadCursor Delta(Uri deltaLink) => new(ReadCursorKind.Delta, deltaLink.ToString());

    public static ReadCursor Next(Uri nextLink, bool full) => new(full ? ReadCursorKind.NextFull : ReadCursorKind.NextDelta, nextLink.ToString());

    public static ReadCursor Modified(DateTimeOffset modifiedOn, string id) =>
        new(ReadCursorKind.Modified, modifiedOn.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) + Separator + id);

    public static ReadCursor Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Enum.TryParse<ReadCursorKind>(text[..colon], ignoreCase: false, out var kind))
        {
            throw new InvalidDataException("The saved Dataverse cursor is not one this connector wrote; run a full sync.");
        }

        return new ReadCursor(kind, text[(colon + 1)..]);
    }

    public (DateTimeOffset ModifiedOn, string Id) ModifiedParts()
    {
        var parts = Value.Split(Separator);
        return (DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), parts[1]);
    }

    public override string ToString() => $"{Kind}:{Value}";
}
