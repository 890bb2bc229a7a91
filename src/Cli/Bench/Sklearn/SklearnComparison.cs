using System.Diagnostics;
using System.Text.Json;
using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Jobs;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Purchases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Recommendations;
using CrmExtensions.Scoring.Segmentation;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Bench.Sklearn;

/// <summary>
/// Our models against scikit-learn's reference models on identical splits: the Dataverse sandbox is synced into a
/// temporary SQLite store, each default model kind is trained by us (lead conversion, opportunity win, case category,
/// next best product, customer segments), the training data is exported with our split, and compare.py fits the
/// reference models. Rounds alternate (ours, theirs, ours, theirs) so that a noisy neighbour on the machine hits both.
/// </summary>
internal sealed class SklearnComparison(int scale, int rounds, string folder, Action<string> progress)
{
    private static readonly string[] Synced =
        ["lead", "opportunity", "task", "phonecall", "email", "incident", "account", "product", "salesorder", "salesorderdetail"];

    private static readonly string[] Binary = [DefaultModels.LeadConversion, DefaultModels.OpportunityWin];

    public async Task<SklearnReport> RunAsync(CancellationToken cancellationToken)
    {
        var version = await SklearnScript.CheckAsync(cancellationToken);
        progress($"Starting the sandbox ({scale:N0} leads) and syncing {Synced.Length} tables…");
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = scale, Seed = 1 }, cancellationToken);
        var org = sandbox.Orgs[0];
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = Path.Combine(folder, "store") }, cancellationToken);
        var options = new DataverseOptions
        {
            EnvironmentUrl = org.Url, Authority = sandbox.Credentials.Authority,
            ClientId = sandbox.Credentials.ClientId, ClientSecret = sandbox.Credentials.ClientSecret, PageSize = 5_000,
        };
        foreach (var table in Synced)
        {
            options.Tables.Add(table);
        }

        using var connector = DataverseConnector.Create(options);
        var orgId = (await connector.Source.CheckAsync(cancellationToken)).Org ?? throw new InvalidOperationException("The sandbox check failed.");
        var sync = new SyncJob(store.Records, store.Cursors, store.JobRuns, TimeProvider.System);
        foreach (var table in Synced)
        {
            var result = await sync.RunAsync(orgId, connector.Source, table, full: true, cancellationToken);
            _ = result.Succeeded ? result : throw new InvalidOperationException(result.Error);
        }

        var data = await TrainingData.LoadAsync(store, orgId, cancellationToken);
        var csv = Path.Combine(folder, "csv");
        Directory.CreateDirectory(csv);
        var ours = new Dictionary<string, List<OurFigure>>(StringComparer.Ordinal);
        var theirs = new List<JsonDocument>();
        var k = 0;
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                progress($"Round {round} of {rounds}: ours…");
                foreach (var (kind, figure) in TrainOurs(data, export: round == 1 ? csv : null, cancellationToken))
                {
                    k = kind == "segments" ? figure.K : k;

                    (ours.TryGetValue(kind, out var list) ? list : ours[kind] = []).Add(figure);
                }

                progress($"Round {round} of {rounds}: scikit-learn…");
                theirs.Add(await SklearnScript.CompareAsync(csv, k, cancellationToken));
            }

            return new SklearnReport(scale, version, rounds, Environment.ProcessorCount, [.. Rows(ours, theirs)]);
        }
        finally
        {
            foreach (var document in theirs)
            {
                document.Dispose();
            }
        }
    }

    // Ours per kind: quality on the hold-out, fit seconds (model selection and the final refit included), row counts.
    private static IEnumerable<(string Kind, OurFigure Figure)> TrainOurs(
        TrainingData data, string? export, CancellationToken cancellationToken)
    {
        foreach (var spec in DefaultSpecs.For(CrmKind.Dataverse).Where(s => Binary.Contains(s.Name)))
        {
            var rows = data.BinaryRows[spec.Name];
            var clock = Stopwatch.StartNew();
            var result = SpecTrainer.Train(spec, rows, cancellationToken: cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            if (export is not null)
            {
                TrainingExport.Binary(Path.Combine(export, $"binary_{spec.Name}.csv"), spec, rows, result);
            }

            yield return (spec.Name, new OurFigure(result.Metrics?.Values.GetValueOrDefault("auc") ?? double.NaN, seconds, result.TrainRows, result.Holdout.Count, result.StatusMessage));
        }

        if (data.Cases is { } cases)
        {
            var labelled = cases.Labels.Cases.Where(c => c.Label.IsTrainingLabel).ToArray();
            var fit = labelled.Where(c => !CaseRegistration.InHoldout(c.Record.Id)).ToArray();
            var holdout = labelled.Where(c => CaseRegistration.InHoldout(c.Record.Id)).ToArray();
            var clock = Stopwatch.StartNew();
            var training = CaseTrainer.Train([.. fit.Select(c => cases.Spec.InputOf(c.Record))], [.. fit.Select(c => c.Label.Category)], cases.Spec.Classifier, cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            var predictions = training.Classifier.Predict([.. holdout.Select(c => cases.Spec.InputOf(c.Record))]);
            var figures = CaseEvaluation.Figures([.. Enumerable.Range(0, holdout.Length)], predictions, [.. holdout.Select(c => c.Label.Category)]);
            if (export is not null)
            {
                TrainingExport.Cases(Path.Combine(export, $"cases_{cases.Spec.Name}.csv"), cases.Spec, cases.Labels);
            }

            yield return (cases.Spec.Name, new OurFigure(figures.Accuracy, seconds, fit.Length, holdout.Length,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"macro-F1 {figures.F1:0.000}; {training.Classifier.Trainer}")));
        }

        if (data.Purchases is { } purchases)
        {
            var settings = new RecommendationOptions { InactiveItems = purchases.InactiveProducts };
            var clock = Stopwatch.StartNew();
            var batch = NextBestProduct.Train(purchases.Lines, settings, cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            var values = batch.Metrics?.Values ?? new Dictionary<string, double>();
            var holdout = RankingHoldout.Of(purchases.Lines, settings);
            if (export is not null && holdout is not null)
            {
                TrainingExport.Recommendations(export, holdout);
            }

            yield return ("recommendations", new OurFigure(values.GetValueOrDefault("hitRate10", double.NaN), seconds, holdout?.Train.Count ?? 0, holdout?.HeldOut.Count ?? 0,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"our own item-to-item on this split: hit@10 {values.GetValueOrDefault("hitRate10_itemToItem", double.NaN):0.000}")));

            var features = Segmenter.FeaturesFrom(purchases.Lines);
            clock.Restart();
            var segments = Segmenter.Train(features, new SegmentationOptions());
            seconds = clock.Elapsed.TotalSeconds;
            if (export is not null)
            {
                TrainingExport.Segments(Path.Combine(export, "segments.csv"), features, segments);
            }

            // Quality of both segmentations is measured by compare.py on the same standardised features.
            yield return ("segments", new OurFigure(double.NaN, seconds, features.Customers.Count, 0, "k chosen by our hold-out silhouette; scikit-learn's k-means gets the same k", segments.K));
        }
    }

    private static IEnumerable<SklearnRow> Rows(
        Dictionary<string, List<OurFigure>> ours, List<JsonDocument> theirs)
    {
        foreach (var (kind, runs) in ours)
        {
            var first = runs[0];
            var ourSeconds = runs.Min(r => r.Seconds);
            var reports = theirs.Select(t => t.RootElement.GetProperty("kinds").TryGetProperty(kind, out var r) ? r : default)
                .Where(r => r.ValueKind == JsonValueKind.Object).ToArray();
            if (reports.Length == 0 || !reports[0].TryGetProperty("models", out var models))
            {
                yield return new SklearnRow(kind, "-", first.Train, first.Test, first.Quality, double.NaN, "-", double.NaN, ourSeconds, double.NaN, double.NaN,
                    reports.Length > 0 && reports[0].TryGetProperty("error", out var error) ? error.GetString() ?? "" : "not measured by compare.py");
                continue;
            }

            var metric = kind switch { "segments" => "silhouette", "recommendations" => "hitRate10", _ when kind.StartsWith("case", StringComparison.Ordinal) => "accuracy", _ => "auc" };
            var best = models.EnumerateObject().OrderByDescending(m => m.Value.GetProperty(metric).GetDouble()).First();
            var theirSeconds = reports.Min(r => r.GetProperty("models").GetProperty(best.Name).GetProperty("seconds").GetDouble());
            var theirQuality = best.Value.GetProperty(metric).GetDouble();
            var ourQuality = kind == "segments" ? reports[0].GetProperty("ours").GetProperty(metric).GetDouble() : first.Quality;
            var note = kind switch
            {
                "segments" => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"k = {first.K}; inertia ours {reports[0].GetProperty("ours").GetProperty("inertia").GetDouble():0} vs theirs {best.Value.GetProperty("inertia").GetDouble():0}"),
                _ when metric == "accuracy" => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{first.Note}; theirs macro-F1 {best.Value.GetProperty("macroF1").GetDouble():0.000}"),
                _ => first.Note,
            };
            yield return new SklearnRow(kind, metric, first.Train, first.Test, Round(ourQuality), Round(theirQuality), best.Name, Round(ourQuality / theirQuality),
                Round(ourSeconds), Round(theirSeconds), Round(ourSeconds / theirSeconds), note);
        }
    }

    private static double Round(double value) => Math.Round(value, 4);

    private sealed record OurFigure(double Quality, double Seconds, long Train, long Test, string Note, int K = 0);
}
