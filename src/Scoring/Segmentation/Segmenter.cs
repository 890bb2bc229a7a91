using System.Globalization;
using System.Text.Json;
using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Segmentation;

/// <summary>
/// Segments customers with ML.NET k-means on standardised log features, chooses k by silhouette on hold-out customers,
/// names segments from their profiles and keeps ids and names of a previous training where clusters match.
/// </summary>
public static class Segmenter
{
    /// <summary>Recency, frequency, monetary value and tenure per customer from order lines (see <see cref="RfmFeature"/>).</summary>
    public static CustomerFeatures FeaturesFrom(IEnumerable<Transactions.OrderLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var set = Transactions.TransactionSet.FromOrderLines(lines);
        return set.Lines.Count == 0
            ? throw new ArgumentException("There are no order lines.", nameof(lines))
            : RfmCalculator.Compute(set);
    }

    /// <summary>Trains a segmentation.</summary>
    /// <param name="features">Per-customer raw features (RFM first; see <see cref="CustomerFeatures"/>).</param>
    /// <param name="options">k range or fixed k, seed, matching tolerance.</param>
    /// <param name="previous">The previous training's <see cref="SegmentationResult.Definitions"/>, or null.</param>
    /// <exception cref="ArgumentException">Fewer than two customers, or feature rows of different lengths.</exception>
    public static SegmentationResult Train(CustomerFeatures features, SegmentationOptions options, IReadOnlyList<SegmentDefinition>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        var n = features.Values.Count;
        if (n < 2)
        {
            throw new ArgumentException("Segmentation needs at least two customers.", nameof(features));
        }

        var dimensions = features.Names.Count;
        if (features.Values.Any(row => row.Length != dimensions))
        {
            throw new ArgumentException("Every customer needs one value per feature name.", nameof(features));
        }

        if (features.Categories is { } categories && categories.Count != n)
        {
            throw new ArgumentException("Categories need one entry per customer.", nameof(features));
        }

        var transformed = features.Values.Select(row => row.Select(CustomerFeatures.Transform).ToArray()).ToArray();
        var scaler = Standardizer.Fit(transformed);
        var z = transformed.Select(scaler.Apply).ToArray();

        var (trainIdx, holdIdx) = Split(n, options);
        var maxK = Math.Min(options.FixedK ?? options.MaxK, trainIdx.Length - 1);
        var minK = Math.Min(options.FixedK ?? options.MinK, maxK);
        if (maxK < 1)
        {
            throw new ArgumentException("Too few customers for the requested number of segments.", nameof(features));
        }

        var trainPoints = trainIdx.Take(options.SelectionSample).Select(i => z[i]).ToArray();
        var holdPoints = holdIdx.Take(options.SilhouetteSample).Select(i => z[i]).ToArray();
        var silhouettes = new Dictionary<int, double>();
        var daviesBouldin = new Dictionary<int, double>();
        for (var k = minK; k <= maxK; k++)
        {
            var centres = KMeansFitter.Fit(trainPoints, k, options.Seed, options.Restarts);
            var labels = holdPoints.Select(p => KMeansFitter.Nearest(p, centres)).ToArray();
            silhouettes[k] = ClusterQuality.Silhouette(holdPoints, labels, k);
            daviesBouldin[k] = ClusterQuality.DaviesBouldin(holdPoints, labels, centres);
        }

        var chosenK = silhouettes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        if (options.FixedK is null && previous is { Count: > 0 } && silhouettes.TryGetValue(previous.Count, out var previousScore)
            && previousScore >= silhouettes[chosenK] - options.KeepPreviousKMargin)
        {
            chosenK = previous.Count;
        }

        var centroids = KMeansFitter.Fit(z, chosenK, options.Seed, options.Restarts);
        var assigned = z.Select(p => KMeansFitter.Nearest(p, centroids)).ToArray();
        var segments = Label(features, z, assigned, centroids, scaler, options, previous);

        var assignments = new SegmentAssignment[n];
        for (var i = 0; i < n; i++)
        {
            var segment = segments[assigned[i]];
            assignments[i] = new SegmentAssignment(features.Customers[i], segment.Id, segment.Name);
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["silhouette"] = silhouettes[chosenK],
            ["daviesBouldin"] = daviesBouldin[chosenK],
            ["k"] = chosenK,
        };
        foreach (var (k, s) in silhouettes)
        {
            values[string.Create(CultureInfo.InvariantCulture, $"silhouette_k{k}")] = s;
        }

        var split = holdIdx.Length == n
            ? "in-sample: fewer than 50 customers, so silhouette is measured on the customers k-means was fitted to"
            : string.Create(CultureInfo.InvariantCulture,
                $"customers: random {options.HoldoutFraction:P0} held out (seed {options.Seed}); k-means fitted on the rest (at most {options.SelectionSample} of them) for each k, hold-out customers assigned to the nearest centre");
        var metrics = new ModelMetrics
        {
            Kind = ModelKind.Segmentation,
            Split = split,
            TrainRows = trainPoints.Length,
            HoldoutRows = holdPoints.Length,
            Values = values,
        };

        var profiles = segments.Where(s => s.Profile is not null).Select(s => s.Profile!).OrderBy(p => p.Id).ToArray();
        // The profiles go into the metrics details too, so a registered segmentation carries what reports show.
        metrics = metrics with { Details = JsonSerializer.SerializeToElement(new { profiles }, Evaluation.JsonDefaults.Options) };
        var definitions = segments.Where(s => s.Profile is not null)
            .Select(s => new SegmentDefinition(s.Id, s.Name, scaler.Invert(centroids[s.Cluster]))).OrderBy(d => d.Id).ToArray();
        return new SegmentationResult(chosenK, assignments, profiles, definitions, silhouettes, metrics);
    }

    private static (int[] Train, int[] Holdout) Split(int n, SegmentationOptions options)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new Random(options.Seed).Shuffle(order);
        if (n < 50)
        {
            return (order, order);
        }

        var holdout = (int)Math.Round(n * options.HoldoutFraction);
        return (order[holdout..], order[..holdout]);
    }

    private static LabelledCluster[] Label(CustomerFeatures features, double[][] z, int[] assigned, double[][] centroids, Standardizer scaler,
        SegmentationOptions options, IReadOnlyList<SegmentDefinition>? previous)
    {
        var k = centroids.Length;
        var members = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, z.Length).Where(i => assigned[i] == c).ToArray()).ToArray();
        var clusters = new LabelledCluster[k];
        var inherited = new (int Id, string Name)?[k];
        // A previous model over other features cannot be compared; its segments are then simply not inherited.
        if (previous is { Count: > 0 } && previous.All(p => p.Centroid.Count == features.Names.Count))
        {
            foreach (var (cluster, old) in SegmentMatcher.Match(centroids, previous.Select(p => scaler.Apply([.. p.Centroid])).ToArray(), options.MatchDistance))
            {
                inherited[cluster] = (previous[old].Id, previous[old].Name);
            }
        }

        var taken = new HashSet<string>(inherited.Where(x => x is not null).Select(x => x!.Value.Name), StringComparer.Ordinal);
        var nextId = Math.Max(previous is { Count: > 0 } ? previous.Max(p => p.Id) : 0, inherited.Max(x => x?.Id ?? 0)) + 1;
        var overall = Medians(features, Enumerable.Range(0, z.Length).ToArray());

        // New ids go to the biggest clusters first so that a first training numbers segments by size.
        foreach (var c in Enumerable.Range(0, k).OrderByDescending(c => members[c].Length).ThenBy(c => c))
        {
            int id;
            string name;
            if (inherited[c] is { } carried)
            {
                (id, name) = carried;
            }
            else
            {
                id = nextId++;
                var meanZ = Enumerable.Range(0, 4).Select(j => members[c].Length == 0 ? 0 : members[c].Average(i => z[i][j])).ToArray();
                name = SegmentNamer.Unique(SegmentNamer.Name(meanZ,
                    [.. members[c].Select(i => features.Values[i][(int)RfmFeature.RecencyDays])],
                    [.. members[c].Select(i => features.Values[i][(int)RfmFeature.TenureDays])]), taken);
            }

            var profile = members[c].Length == 0
                ? null
                : new SegmentProfile(id, name, members[c].Length, members[c].Length / (double)z.Length, Medians(features, members[c]), overall,
                    inherited[c] is not null, TopCategories(features, members[c]));
            clusters[c] = new LabelledCluster(c, id, name, profile);
        }

        return clusters;
    }

    private static CategoryShare[] TopCategories(CustomerFeatures features, int[] rows) =>
        features.Categories is not { } categories
            ? []
            : [.. rows.Select(i => categories[i]).OfType<string>().Where(v => v.Length > 0)
                .GroupBy(v => v, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3)
                .Select(g => new CategoryShare(g.Key, g.Count() / (double)rows.Length))];

    private static Dictionary<string, double> Medians(CustomerFeatures features, int[] rows)
    {
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < features.Names.Count; j++)
        {
            medians[features.Names[j]] = SegmentNamer.Percentile([.. rows.Select(i => features.Values[i][j])], 0.5);
        }

        return medians;
    }

    private sealed record LabelledCluster(int Cluster, int Id, string Name, SegmentProfile? Profile);
}
