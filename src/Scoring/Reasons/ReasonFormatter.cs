using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Scoring.Evaluation;

namespace CrmExtensions.Scoring.Reasons;

/// <summary>Renders the strongest reasons for people ("Lead source = Web: +12") and as JSON.</summary>
public static class ReasonFormatter
{
    /// <summary>The default longest rendering, in characters.</summary>
    public const int DefaultMaxLength = 2000;

    /// <summary>The top <paramref name="perSide"/> positive and negative reasons, strongest first (reasons worth under <paramref name="minimumPoints"/> are left out).</summary>
    public static IReadOnlyList<Reason> Top(IEnumerable<Reason> reasons, int perSide = 3, double minimumPoints = 0.5)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        // Scoring calls this for every row: one pass and a stable insertion sort of the few reasons, no LINQ. Ties keep
        // their field order (as a stable OrderBy would).
        var positive = new List<Reason>();
        var negative = new List<Reason>();
        foreach (var reason in reasons)
        {
            if (!(Math.Abs(reason.Points) >= minimumPoints))
            {
                continue;
            }

            if (reason.Points > 0)
            {
                Insert(positive, reason, descending: true);
            }
            else if (reason.Points < 0)
            {
                Insert(negative, reason, descending: false);
            }
        }

        var top = new List<Reason>(Math.Min(positive.Count, perSide) + Math.Min(negative.Count, perSide));
        for (var i = 0; i < positive.Count && i < perSide; i++)
        {
            top.Add(positive[i]);
        }

        for (var i = 0; i < negative.Count && i < perSide; i++)
        {
            top.Add(negative[i]);
        }

        return top;
    }

    private static void Insert(List<Reason> sorted, Reason reason, bool descending)
    {
        var at = sorted.Count;
        while (at > 0 && (descending ? sorted[at - 1].Points < reason.Points : sorted[at - 1].Points > reason.Points))
        {
            at--;
        }

        sorted.Insert(at, reason);
    }

    /// <summary>One line: "Field = value: +12; Other field = blank: −9", cut to whole reasons within <paramref name="maxLength"/>.</summary>
    public static string Render(IEnumerable<Reason> reasons, int maxLength = DefaultMaxLength, int perSide = 3, double minimumPoints = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        return RenderTop(Top(reasons, perSide, minimumPoints), maxLength);
    }

    /// <summary><see cref="Render"/> of reasons already chosen by <see cref="Top"/>.</summary>
    internal static string RenderTop(IReadOnlyList<Reason> top, int maxLength)
    {
        var text = new StringBuilder();
        foreach (var reason in top)
        {
            var item = Item(reason);
            var needed = (text.Length > 0 ? 2 : 0) + item.Length;
            if (text.Length + needed > maxLength)
            {
                if (text.Length == 0 && maxLength > 0)
                {
                    text.Append(item.AsSpan(0, maxLength - 1)).Append('…');
                }

                break;
            }

            text.Append(text.Length > 0 ? "; " : "").Append(item);
        }

        return text.ToString();
    }

    /// <summary>The same reasons as a JSON array of { field, value, points, contribution }.</summary>
    public static string ToJson(IEnumerable<Reason> reasons, int perSide = 3, double minimumPoints = 0.5) =>
        TopToJson(Top(reasons, perSide, minimumPoints));

    /// <summary>
    /// <see cref="ToJson"/> of reasons already chosen by <see cref="Top"/>, written directly: the same text
    /// <c>JsonSerializer</c> writes with <see cref="JsonDefaults.Options"/> (camelCase, nulls left out, named
    /// floating-point literals as strings, the default encoder) without its per-call reflection over anonymous objects.
    /// </summary>
    internal static string TopToJson(IReadOnlyList<Reason> top)
    {
        var buffer = _jsonBuffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var reason in top)
            {
                writer.WriteStartObject();
                writer.WriteString(FieldName, reason.Field);
                if (reason.Label is not null)
                {
                    writer.WriteString(LabelName, reason.Label);
                }

                if (reason.Value is not null)
                {
                    writer.WriteString(ValueName, reason.Value);
                }

                WriteNumber(writer, PointsName, Math.Round(reason.Points, 2));
                WriteNumber(writer, ContributionName, Math.Round(reason.Contribution, 6));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _jsonBuffer;

    private static readonly JsonEncodedText FieldName = JsonEncodedText.Encode("field");
    private static readonly JsonEncodedText LabelName = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText PointsName = JsonEncodedText.Encode("points");
    private static readonly JsonEncodedText ContributionName = JsonEncodedText.Encode("contribution");

    // AllowNamedFloatingPointLiterals: the serializer writes NaN and infinities as the strings "NaN", "Infinity", "-Infinity".
    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static string Item(Reason reason)
    {
        // Whole points from one up; smaller amounts (regression on small scales) keep three significant digits.
        var points = Math.Abs(reason.Points) >= 1 ? Math.Round(reason.Points, MidpointRounding.AwayFromZero) : reason.Points;
        var sign = points >= 0 ? "+" : "\u2212";
        var amount = Math.Abs(points) >= 1 ? Math.Abs(points).ToString("0", CultureInfo.InvariantCulture) : Math.Abs(points).ToString("G3", CultureInfo.InvariantCulture);
        var name = reason.Label ?? reason.Field;
        var subject = reason.Value switch
        {
            null => name,
            "blank" => $"{name} is blank",
            var v when v.EndsWith(" ago", StringComparison.Ordinal) || v == "today" || v == "in the future" => $"{name}: {v}",
            "text" => $"{name} (text)",
            var v => $"{name} = {v}",
        };
        return $"{subject}: {sign}{amount}";
    }
}
