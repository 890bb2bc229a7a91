using System.Text.Json;
using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Reasons;

namespace CrmExtensions.Scoring.Tests.Reasons;

/// <summary>
/// The hand-written top-reasons selection and JSON writer (scoring calls them for every row) give exactly what the LINQ
/// selection and <see cref="JsonSerializer"/> with the Scoring JSON options gave: same reasons, same order on ties, same text.
/// </summary>
public sealed class ReasonFormatterEquivalenceTests
{
    [Fact]
    public void TopAndToJson_RandomReasons_EqualTheLinqAndSerializerResults()
    {
        var random = new Random(3);
        var labels = new[] { null, "Lead source", "Größe <employees> & \"more\"", "名前" };
        var values = new[] { null, "blank", "12 days ago", "Web", "a\u2028b", "3.5" };
        for (var round = 0; round < 500; round++)
        {
            var reasons = new List<Reason>();
            var count = random.Next(0, 25);
            for (var i = 0; i < count; i++)
            {
                // Few distinct point values, so ties are common; now and then a value that is not a number.
                var points = random.Next(8) switch
                {
                    0 => 0,
                    1 => double.NaN,
                    2 => 0.3,
                    _ => Math.Round((random.NextDouble() - 0.5) * 20, random.Next(0, 3)),
                };
                var contribution = random.Next(10) == 0 ? double.PositiveInfinity : points / 7.3;
                reasons.Add(new Reason($"field{i}", values[random.Next(values.Length)], contribution, points) { Label = labels[random.Next(labels.Length)] });
            }

            var perSide = random.Next(1, 5);
            var minimum = random.Next(2) == 0 ? 0.5 : 1e-12;

            var top = ReasonFormatter.Top(reasons, perSide, minimum);

            top.ShouldBe(LinqTop(reasons, perSide, minimum));
            ReasonFormatter.ToJson(reasons, perSide, minimum).ShouldBe(SerializerJson(LinqTop(reasons, perSide, minimum)));
        }
    }

    // The selection as it was written before: filter, then a stable OrderBy per side.
    private static List<Reason> LinqTop(IEnumerable<Reason> reasons, int perSide, double minimumPoints)
    {
        var list = reasons.Where(r => Math.Abs(r.Points) >= minimumPoints).ToList();
        return
        [
            .. list.Where(r => r.Points > 0).OrderByDescending(r => r.Points).Take(perSide),
            .. list.Where(r => r.Points < 0).OrderBy(r => r.Points).Take(perSide),
        ];
    }

    private static string SerializerJson(IEnumerable<Reason> top) =>
        JsonSerializer.Serialize(
            top.Select(r => new { r.Field, r.Label, r.Value, Points = Math.Round(r.Points, 2), Contribution = Math.Round(r.Contribution, 6) }),
            JsonDefaults.Options);
}
