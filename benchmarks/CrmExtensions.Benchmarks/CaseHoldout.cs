using System.Diagnostics;
using System.Globalization;
using CrmExtensions.Scoring.Cases;

namespace CrmExtensions.Benchmarks;

/// <summary>
/// Hold-out figures of the case categoriser on the sandbox's incidents, overall and per language, over several
/// sandbox seeds: <c>dotnet run -c Release --project benchmarks/CrmExtensions.Benchmarks -- cases-holdout SCALE SEED...</c>.
/// Each seed generates its own sandbox; 25% of the incidents (by a hash of the record id) are held out and never
/// trained on; thresholds come from the trainer's own validation split of the other 75%.
/// </summary>
internal static class CaseHoldout
{
    public static async Task<int> RunAsync(string[] args)
    {
        // --dump DIR: also write each seed's validation and hold-out predictions (no case text) for replaying threshold
        // rules offline with benchmarks/cases/replay_thresholds.py.
        string? dump = null;
        var at = Array.IndexOf(args, "--dump");
        if (at >= 0 && at + 1 < args.Length)
        {
            dump = args[at + 1];
            args = [.. args.Take(at), .. args.Skip(at + 2)];
        }

        if (args.Length < 3 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var scale) || scale < 100
            || !args.Skip(2).All(a => int.TryParse(a, CultureInfo.InvariantCulture, out _)))
        {
            Console.Error.WriteLine("usage: cases-holdout SCALE SEED [SEED...] [--dump DIR]   (SCALE = sandbox leads; ~0.3 incidents per lead)");
            return 2;
        }

        var options = new CaseClassifierOptions();
        var totals = new Dictionary<string, List<CaseFigures>>(StringComparer.Ordinal);
        foreach (var seed in args.Skip(2).Select(a => int.Parse(a, CultureInfo.InvariantCulture)))
        {
            var cases = await SandboxCases.ReadAsync(scale, seed);
            var test = cases.Where(c => HeldOut(c.Id)).ToList();
            var train = cases.Where(c => !HeldOut(c.Id)).ToList();
            var clock = Stopwatch.StartNew();
            var trained = CaseTrainer.Train([.. train.Select(Input)], [.. train.Select(c => (string?)c.Category)], options);
            var seconds = clock.Elapsed.TotalSeconds;
            var predictions = trained.Classifier.Predict([.. test.Select(Input)]);
            var actual = test.Select(c => (string?)c.Category).ToArray();
            var languages = test.Select(c => ScriptLanguage.Detect(c.Title + "\n" + c.Description)).ToArray();
            if (dump is not null)
            {
                Dump(dump, seed, trained.Validation, [.. predictions.Select((p, i) => new ValidationPrediction(p.Top, p.Confidence, test[i].Category, languages[i]))]);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed}: {cases.Count} incidents ({train.Count} train, {test.Count} hold-out), {trained.Classifier.Trainer}, trained in {seconds:F1} s"));
            foreach (var note in trained.Notes)
            {
                Console.WriteLine("  " + note);
            }

            foreach (var group in languages.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Prepend("all"))
            {
                var rows = Enumerable.Range(0, test.Count).Where(i => group == "all" || languages[i] == group).ToArray();
                var figures = CaseEvaluation.Figures(rows, predictions, actual);
                var autoCount = rows.Count(i => predictions[i].Tier == CaseTier.Auto);
                Console.WriteLine("  " + CaseEvaluation.Describe(group, figures).Single() + $" [{autoCount} auto]");
                (totals.TryGetValue(group, out var list) ? list : totals[group] = []).Add(figures);
            }
        }

        Console.WriteLine($"mean over {args.Length - 2} seeds (target auto precision {options.AutoPrecision:F2}, abstain at most {options.MaxAbstainShare:P0}):");
        foreach (var (group, list) in totals.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group}: cases {list.Average(f => f.Cases):F0}, accuracy {list.Average(f => f.Accuracy):F3}, macro recall {list.Average(f => f.Recall):F3}, "
                + $"auto {list.Average(f => f.AutoShare):P1} precision {list.Average(f => f.AutoPrecision):F3} (min {list.Min(f => f.AutoPrecision):F3}), "
                + $"suggest {list.Average(f => f.SuggestShare):P1} precision {list.Average(f => f.SuggestPrecision):F3}, abstain {list.Average(f => f.AbstainShare):P1} (max {list.Max(f => f.AbstainShare):P1})"));
        }

        return 0;
    }

    private static void Dump(string folder, int seed, IReadOnlyList<ValidationPrediction> validation, IReadOnlyList<ValidationPrediction> holdout)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, rows) in new[] { ("validation", validation), ("holdout", holdout) })
        {
            File.WriteAllLines(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"seed{seed}.{name}.tsv")),
                rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Predicted}\t{r.Confidence:R}\t{r.Actual}\t{r.Language}")).Prepend("predicted\tconfidence\tactual\tlanguage"));
        }
    }

    private static CaseInput Input(SandboxCase c) => CaseInput.FromText(c.Title, c.Description);

    // A fixed quarter of the incidents by an FNV-1a hash of the id: the same cases are held out in every run.
    private static bool HeldOut(string id)
    {
        var hash = 2166136261u;
        foreach (var ch in id.ToUpperInvariant())
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return hash % 4 == 0;
    }
}
