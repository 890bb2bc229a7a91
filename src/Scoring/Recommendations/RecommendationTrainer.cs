using System.Globalization;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Recommendations;

/// <summary>
/// Chooses settings on a validation split carved from the training period, measures the choice and both baselines on
/// the newest hold-out window, then refits on all history for serving.
/// </summary>
internal static class RecommendationTrainer
{
    public static RecommendationTraining Train(TransactionSet set, RecommendationOptions options, CancellationToken ct = default)
    {
        var chosen = new HybridSettings(
            options.AlsCandidates.Count > 0 ? options.AlsCandidates[0] : new AlsSettings(),
            options.BlendStrengths.Count > 0 ? options.BlendStrengths[0] : 0,
            options.CosineWeights.Count > 0 ? options.CosineWeights[0] : 0);
        ModelMetrics? metrics = null;
        RankingFigures? validation = null;

        var cut = set.HasDates ? TimeCut.At(set, options.HoldoutFraction, DateTime.MaxValue) : null;
        var validationCut = cut is { } c ? TimeCut.At(set, options.HoldoutFraction, c) : null;
        if (cut is { } testCut && validationCut is { } valCut)
        {
            (chosen, validation) = Select(set, valCut, testCut, chosen, options, ct);
            metrics = Measure(set, testCut, chosen, options, ct);
        }

        var all = InteractionBuilder.Build(set, chosen.RecencyHalfLifeDays);
        var end = set.HasDates ? set.Lines.Max(l => l.Date).AddTicks(1) : DateTime.MaxValue;
        return new RecommendationTraining(Fit(all, chosen, options, ct), Unavailable(set, end, options), chosen, metrics, validation);
    }

    internal static HybridRecommender Fit(InteractionMatrix train, HybridSettings settings, RecommendationOptions options, CancellationToken ct) =>
        new(train, ImplicitAls.Train(train, settings.Als, ct), ItemCosineModel.Train(train, options.Neighbours), PopularityModel.Train(train),
            settings.BlendStrength, settings.CosineWeight);

    internal static bool[] Unavailable(TransactionSet set, DateTime asOf, RecommendationOptions options)
    {
        var unavailable = InteractionBuilder.Inactive(set, asOf, options.InactiveAfterDays);
        for (var i = 0; i < set.Items.Count; i++)
        {
            if (options.ExcludedItems.Contains(set.Items[i]) || options.InactiveItems.Contains(set.Items[i]))
            {
                unavailable[i] = true;
            }
        }

        return unavailable;
    }

    private static (HybridSettings, RankingFigures?) Select(TransactionSet set, DateTime validationCut, DateTime testCut,
        HybridSettings fallback, RecommendationOptions options, CancellationToken ct)
    {
        var train = InteractionBuilder.Build(set, DateTime.MinValue, validationCut);
        var halfLives = set.HasDates && options.RecencyHalfLives.Count > 0 ? options.RecencyHalfLives : [null];
        var heldOut = InteractionBuilder.NewItems(set, validationCut, testCut, train);
        var unavailable = Unavailable(set, validationCut, options);
        var popularity = PopularityModel.Train(train);
        var cosine = ItemCosineModel.Train(train, options.Neighbours);
        var tried = new List<(HybridSettings Settings, RankingFigures Figures)>();
        var combos = options.BlendStrengths.SelectMany(blend => options.CosineWeights.Select(gamma => (Blend: blend, Gamma: gamma))).ToArray();
        foreach (var (halfLife, alsSettings) in halfLives.SelectMany(h => options.AlsCandidates.Select(a => (h, a))))
        {
            var strengths = halfLife is null ? train : InteractionBuilder.Build(set, DateTime.MinValue, validationCut, halfLife);
            var model = new HybridRecommender(train, ImplicitAls.Train(strengths, alsSettings, ct), cosine, popularity, 0, 0);
            var figures = RankingEvaluator.EvaluateMany(train, heldOut, unavailable, combos.Length, (customer, scores) =>
            {
                var als = new double[train.Items];
                var similar = new double[train.Items];
                model.PersonalParts(customer, als, similar);
                var history = train.CountOf(customer);
                for (var v = 0; v < combos.Length; v++)
                {
                    var weight = history == 0 ? 0 : history / (history + combos[v].Blend);
                    HybridRecommender.Blend(als, similar, popularity.Standardised, weight, combos[v].Gamma, scores[v]);
                }
            });
            for (var v = 0; v < combos.Length; v++)
            {
                tried.Add((new HybridSettings(alsSettings, combos[v].Blend, combos[v].Gamma, halfLife), figures[v]));
            }
        }

        return tried.Count == 0 ? (fallback, null) : Choose(tried);
    }

    /// <summary>
    /// One-standard-error rule (Breiman et al.): validation differences between near-equal settings are mostly noise, so
    /// take the fewest factors among the settings within one standard error of the best NDCG@10, then the best of those.
    /// </summary>
    internal static (HybridSettings, RankingFigures) Choose(IReadOnlyList<(HybridSettings Settings, RankingFigures Figures)> tried)
    {
        var top = tried.MaxBy(t => t.Figures.Ndcg);
        var best = tried.Where(t => t.Figures.Ndcg >= top.Figures.Ndcg - top.Figures.NdcgStandardError)
            .OrderBy(t => t.Settings.Als.Factors)
            .ThenByDescending(t => t.Figures.Ndcg)
            .ThenByDescending(t => t.Figures.HitRate)
            .First();
        return (best.Settings, best.Figures);
    }

    private static ModelMetrics Measure(TransactionSet set, DateTime cut, HybridSettings settings, RecommendationOptions options,
        CancellationToken ct)
    {
        var train = InteractionBuilder.Build(set, DateTime.MinValue, cut, settings.RecencyHalfLifeDays);
        var heldOut = InteractionBuilder.NewItems(set, cut, DateTime.MaxValue, train);
        var unavailable = Unavailable(set, cut, options);
        var hybrid = Fit(train, settings, options, ct);
        var pureAls = new HybridRecommender(train, hybrid.Als, hybrid.Cosine, hybrid.Popularity, 0, 0);

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        Add(values, string.Empty, RankingEvaluator.Evaluate(train, heldOut, unavailable, hybrid.Score));
        Add(values, "_als", RankingEvaluator.Evaluate(train, heldOut, unavailable, pureAls.Score));
        Add(values, "_popularity", RankingEvaluator.Evaluate(train, heldOut, unavailable, (_, scores) => hybrid.Popularity.ScoreAll(scores)));
        var itemToItem = RankingEvaluator.Evaluate(train, heldOut, unavailable, (customer, scores) =>
        {
            hybrid.Cosine.ScoreAll(train.ItemsOf(customer), scores);
            // Ties (items with no similar purchase) fall back to popularity order, as a deployed item-to-item list would.
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] += 1e-9 * hybrid.Popularity.Standardised[i];
            }
        });
        Add(values, "_itemToItem", itemToItem);
        values["customers"] = itemToItem.Customers;
        values["alsFactors"] = settings.Als.Factors;
        values["alsAlpha"] = settings.Als.Alpha;
        values["alsRegularization"] = settings.Als.Regularization;
        values["blendStrength"] = settings.BlendStrength;
        values["cosineWeight"] = settings.CosineWeight;
        values["recencyHalfLifeDays"] = settings.RecencyHalfLifeDays ?? 0;
        return new ModelMetrics
        {
            Kind = ModelKind.Recommendation,
            Split = string.Create(CultureInfo.InvariantCulture,
                $"time: train before {cut:yyyy-MM-dd HH:mm}, test = new items bought from then on (newest {options.HoldoutFraction:P0} of purchase lines); settings chosen by NDCG@10 (one-standard-error rule, fewest factors) on a validation window inside the training period"),
            TrainRows = set.Lines.LongCount(l => l.Date < cut),
            HoldoutRows = set.Lines.LongCount(l => l.Date >= cut),
            Values = values,
        };
    }

    private static void Add(Dictionary<string, double> values, string suffix, RankingFigures figures)
    {
        values["hitRate10" + suffix] = figures.HitRate;
        values["ndcg10" + suffix] = figures.Ndcg;
        values["precision10" + suffix] = figures.Precision;
    }
}
