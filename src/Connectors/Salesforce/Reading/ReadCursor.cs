using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmExtensions.Connectors.Salesforce.Reading;

/// <summary>
/// The opaque cursor after each page. <see cref="Max"/> is the highest SystemModstamp delivered; the next read asks
/// for rows from <see cref="QueryStart"/> (that minus the look-back window, salesforce.md §2c "use >= plus de-dup on
/// Id") and drops the rows in <see cref="Seen"/> — ids delivered with exactly that stamp — so a look-back never delivers
/// a record twice. <see cref="ReadAt"/> (client clock) anchors the getDeleted window (§2d); <see cref="Full"/> marks a
/// full read that has not reached its end yet.
/// </summary>
internal sealed record ReadCursor
{
    private const string Prefix = "sf1:";

    [JsonPropertyName("max")]
    public DateTimeOffset? Max { get; init; }

    [JsonPropertyName("readAt")]
    public DateTimeOffset ReadAt { get; init; }

    [JsonPropertyName("lastFull")]
    public DateTimeOffset? LastFull { get; init; }

    [JsonPropertyName("full")]
    public bool Full { get; init; }

    /// <summary>The Bulk query job of a full read in progress (its result locators stay valid while the job exists, §4b).</summary>
    [JsonPropertyName("bulkJob")]
    public string? BulkJob { get; init; }

    /// <summary>The locator of the next Bulk result set.</summary>
    [JsonPropertyName("locator")]
    public string? Locator { get; init; }

    [JsonPropertyName("seen")]
    public Dictionary<string, DateTimeOffset> Seen { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Where the next query starts: <see cref="Max"/> minus the look-back, down to the minute; null = from the beginning.</summary>
    public DateTimeOffset? QueryStart(TimeSpan lookBack) => Max is { } max ? Minute(max - lookBack) : null;

    /// <summary>Where the next getDeleted window starts (whole minutes: it ignores seconds, salesforce.md §2d).</summary>
    public DateTimeOffset DeletedStart(TimeSpan lookBack) => Minute(ReadAt - lookBack);

    /// <summary>Keeps only the seen entries a later read can meet again.</summary>
    public ReadCursor Pruned(TimeSpan lookBack)
    {
        var from = QueryStart(lookBack) is { } q && q < DeletedStart(lookBack) ? q : DeletedStart(lookBack);
        return this with { Seen = Seen.Where(s => s.Value >= from).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal) };
    }

    public static ReadCursor Parse(string text)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new InvalidDataException("The saved Salesforce cursor is not one this connector wrote; run a full sync.");
        }

        try
        {
            return JsonSerializer.Deserialize<ReadCursor>(text[Prefix.Length..])
                ?? throw new InvalidDataException("The saved Salesforce cursor is empty; run a full sync.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException("The saved Salesforce cursor is damaged; run a full sync.", error);
        }
    }

    public override string ToString() => Prefix + JsonSerializer.Serialize(this);

    public static DateTimeOffset Minute(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    /// <summary>Salesforce datetimes: <c>2013-05-20T20:49:32.000+0000</c> (salesforce.md §2a) or ISO-8601 with <c>Z</c>/<c>+00:00</c>.</summary>
    public static DateTimeOffset ParseInstant(string text)
    {
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1]) && text[^3] != ':')
        {
            text = text[..^2] + ":" + text[^2..];
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
