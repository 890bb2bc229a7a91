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

    /// <summary>The last (modifiedon, id) read, and when the stored ids were last reconciled with the CRM's (hard deletes).</summary>
    public static ReadCursor Modified(DateTimeOffset modifiedOn, string id, DateTimeOffset reconciledAt) =>
        new(ReadCursorKind.Modified, Instant(modifiedOn) + Separator + id + Separator + Instant(reconciledAt));

    public static ReadCursor Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Enum.TryParse<ReadCursorKind>(text[..colon], ignoreCase: false, out var kind))
        {
            throw new InvalidDataException("The saved Dataverse cursor is not one this connector wrote; run a full sync.");
        }

        return new ReadCursor(kind, text[(colon + 1)..]);
    }

    /// <summary>The parts of a Modified cursor; a cursor saved before reconciliation existed reads as never reconciled.</summary>
    public (DateTimeOffset ModifiedOn, string Id, DateTimeOffset ReconciledAt) ModifiedParts()
    {
        var parts = Value.Split(Separator);
        return (ParseInstant(parts[0]), parts[1], parts.Length > 2 ? ParseInstant(parts[2]) : DateTimeOffset.MinValue);
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override string ToString() => $"{Kind}:{Value}";
}
