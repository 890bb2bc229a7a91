using System.Text.RegularExpressions;

namespace CrmExtensions.Sandbox.Tests.Generation;

/// <summary>A multinomial naive Bayes over words and character trigrams: the "easy baseline" for case categories.</summary>
internal sealed partial class NaiveBayesBaseline
{
    private readonly Dictionary<int, Dictionary<string, int>> _counts = [];
    private readonly Dictionary<int, int> _totals = [];
    private readonly Dictionary<int, double> _prior = [];
    private readonly HashSet<string> _vocabulary = [];

    public NaiveBayesBaseline(IReadOnlyList<(string Text, int Label)> training)
    {
        foreach (var group in training.GroupBy(t => t.Label))
        {
            _prior[group.Key] = Math.Log(group.Count() / (double)training.Count);
            var counts = new Dictionary<string, int>();
            foreach (var token in group.SelectMany(t => Tokens(t.Text)))
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
                _vocabulary.Add(token);
            }

            _counts[group.Key] = counts;
            _totals[group.Key] = counts.Values.Sum();
        }
    }

    public int Predict(string text)
    {
        var tokens = Tokens(text).ToList();
        return _counts.Keys.MaxBy(label => _prior[label] + tokens.Sum(t => Math.Log((_counts[label].GetValueOrDefault(t) + 0.1) / (_totals[label] + (0.1 * _vocabulary.Count)))));
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var word in Words().Split(lower).Where(w => w.Length > 1))
        {
            yield return "w:" + word;
        }

        for (var i = 0; i + 2 < lower.Length; i++)
        {
            yield return string.Concat("c:", lower.AsSpan(i, 3));
        }
    }

    [GeneratedRegex("[^a-z]+")]
    private static partial Regex Words();
}
