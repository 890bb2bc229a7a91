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
        var list = reasons.Where(r => Math.Abs(r.Points) >= minimumPoints).ToList();
        return
        [
            .. list.Where(r => r.Points > 0).OrderByDescending(r => r.Points).Take(perSide),
            .. list.Where(r => r.Points < 0).OrderBy(r => r.Points).Take(perSide),
        ];
    }

    /// <summary>One line: "Field = value: +12; Other field = blank: −9", cut to whole reasons within <paramref name="maxLength"/>.</summary>
    public static string Render(IEnumerable<Reason> reasons, int maxLength = DefaultMaxLength, int perSide = 3, double minimumPoints = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var text = new StringBuilder();
        foreach (var reason in Top(reasons, perSide, minimumPoints))
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
        JsonSerializer.Serialize(
            Top(reasons, perSide, minimumPoints).Select(r => new { r.Field, r.Label, r.Value, Points = Math.Round(r.Points, 2), Contribution = Math.Round(r.Contribution, 6) }),
            JsonDefaults.Options);

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
