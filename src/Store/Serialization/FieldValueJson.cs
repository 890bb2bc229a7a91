using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Store.Serialization;

/// <summary>
/// The stored JSON form of field values. One object per value with a one-letter type tag, so the type survives a
/// round trip exactly (a date stays a date, money keeps its currency and decimal scale):
/// <c>{"s":"text"}</c>, <c>{"l":"long text"}</c>, <c>{"n":1.5}</c>, <c>{"b":true}</c>, <c>{"t":"2026-01-02T03:04:05.0000000Z"}</c>,
/// <c>{"d":"2026-01-02"}</c>, <c>{"o":"3","label":"Hot"}</c>, <c>{"r":"id","e":"account"}</c>,
/// <c>{"m":12.50,"c":"EUR","base":13.10}</c>; a known-empty field is JSON <c>null</c>.
/// </summary>
internal static class FieldValueJson
{
    // Stored, never embedded in HTML: keep non-ASCII text (Chinese case descriptions) readable and compact.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and writer per thread: serialising a 100k-record sync allocates only the resulting strings.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    public static string SerializeValues(IReadOnlyDictionary<string, FieldValue?> values)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        writer.WriteStartObject();
        foreach (var (field, value) in values)
        {
            writer.WritePropertyName(field);
            Write(writer, value);
        }

        writer.WriteEndObject();
        writer.Flush();
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 1 << 20)
        {
            _buffer = null; // do not keep a buffer grown by one huge text field alive per thread
        }

        return json;
    }

    public static string? Serialize(FieldValue? value)
    {
        if (value is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The stored values; only those of <paramref name="only"/> (case-insensitive) when given.</summary>
    public static Dictionary<string, FieldValue?> DeserializeValues(string json, IReadOnlySet<string>? only = null)
    {
        var values = new Dictionary<string, FieldValue?>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (only is null || only.Contains(property.Name))
            {
                values[property.Name] = Read(property.Value);
            }
        }

        return values;
    }

    public static FieldValue? Deserialize(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    private static void Write(Utf8JsonWriter writer, FieldValue? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        switch (value)
        {
            case TextValue text:
                writer.WriteString("s", text.Value);
                break;
            case LongTextValue text:
                writer.WriteString("l", text.Value);
                break;
            case NumberValue number:
                writer.WriteNumber("n", number.Value);
                break;
            case BoolValue flag:
                writer.WriteBoolean("b", flag.Value);
                break;
            case DateTimeValue instant:
                writer.WriteString("t", instant.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                break;
            case DateValue date:
                writer.WriteString("d", date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case OptionValue option:
                writer.WriteString("o", option.Value);
                if (option.Label is not null)
                {
                    writer.WriteString("label", option.Label);
                }

                break;
            case LookupValue lookup:
                writer.WriteString("r", lookup.Id);
                writer.WriteString("e", lookup.TargetEntity);
                break;
            case MoneyValue money:
                writer.WriteNumber("m", money.Amount);
                writer.WriteString("c", money.Currency);
                if (money.BaseAmount is { } baseAmount)
                {
                    writer.WriteNumber("base", baseAmount);
                }

                break;
            default:
                throw new NotSupportedException($"Field value type {value.GetType().Name} has no stored form.");
        }

        writer.WriteEndObject();
    }

    private static FieldValue? Read(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "s": return new TextValue(property.Value.GetString()!);
                case "l": return new LongTextValue(property.Value.GetString()!);
                case "n": return new NumberValue(property.Value.GetDouble());
                case "b": return new BoolValue(property.Value.GetBoolean());
                case "t": return new DateTimeValue(DateTimeOffset.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
                case "d": return new DateValue(DateOnly.ParseExact(property.Value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                case "o": return new OptionValue(property.Value.GetString()!, element.TryGetProperty("label", out var label) ? label.GetString() : null);
                case "r": return new LookupValue(property.Value.GetString()!, element.GetProperty("e").GetString()!);
                case "m":
                    return new MoneyValue(
                        property.Value.GetDecimal(),
                        element.GetProperty("c").GetString()!,
                        element.TryGetProperty("base", out var baseAmount) ? baseAmount.GetDecimal() : null);
                default:
                    continue;
            }
        }

        throw new JsonException("A stored field value has no known type tag.");
    }
}
