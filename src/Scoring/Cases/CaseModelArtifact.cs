using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// A case classifier as the model registry stores it: one zip holding <c>model.zip</c> (the ML.NET featuriser and
/// trainer chain, with its input schema) and <c>case.json</c> (categories in score order, softmax temperature, the
/// per-category tier thresholds chosen on validation, the trainer). Scoring loads it once per run.
/// </summary>
public static class CaseModelArtifact
{
    private const string ModelEntry = "model.zip";
    private const string SettingsEntry = "case.json";
    private const int FormatVersion = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        // A closed tier's threshold is +∞.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The classifier as bytes.</summary>
    public static byte[] ToBytes(CaseClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var model = zip.CreateEntry(ModelEntry, CompressionLevel.Fastest).Open())
            {
                classifier.SaveModel(model);
            }

            var settings = new Settings(
                FormatVersion,
                [.. classifier.Categories],
                classifier.Temperature,
                classifier.ScoresAreProbabilities,
                classifier.Trainer,
                [.. classifier.Thresholds.ByCategory.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new CategoryThreshold(p.Key, p.Value.Auto, p.Value.Suggest))],
                new CategoryThreshold("", classifier.Thresholds.Pooled.Auto, classifier.Thresholds.Pooled.Suggest),
                [.. classifier.Thresholds.PooledCategories],
                [.. classifier.Thresholds.ByLanguage.OrderBy(p => p.Key, StringComparer.Ordinal).Select(l => new LanguageThreshold(
                    l.Key,
                    [.. l.Value.ByCategory.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new CategoryThreshold(p.Key, p.Value.Auto, p.Value.Suggest))],
                    new CategoryThreshold("", l.Value.Pooled.Auto, l.Value.Pooled.Suggest)))]);
            using var json = zip.CreateEntry(SettingsEntry, CompressionLevel.Fastest).Open();
            JsonSerializer.Serialize(json, settings, Json);
        }

        return buffer.ToArray();
    }

    /// <summary>Loads a classifier saved by <see cref="ToBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a case model artifact.</exception>
    public static CaseClassifier Load(ReadOnlyMemory<byte> artifact)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(artifact.ToArray(), writable: false), ZipArchiveMode.Read);
            var settingsEntry = zip.GetEntry(SettingsEntry) ?? throw new InvalidDataException($"The case model artifact has no {SettingsEntry}.");
            var modelEntry = zip.GetEntry(ModelEntry) ?? throw new InvalidDataException($"The case model artifact has no {ModelEntry}.");
            Settings settings;
            using (var json = settingsEntry.Open())
            {
                settings = JsonSerializer.Deserialize<Settings>(json, Json) ?? throw new InvalidDataException($"{SettingsEntry} is empty.");
            }

            // Format 1 had no thresholds per language; its models use the category thresholds for every language.
            if (settings.Format is < 1 or > FormatVersion)
            {
                throw new InvalidDataException($"Case model artifact format {settings.Format} is not supported (expected 1 to {FormatVersion}).");
            }

            if (settings.Categories.Count < 2)
            {
                throw new InvalidDataException($"The case model artifact lists {settings.Categories.Count} categories; a classifier has at least 2.");
            }

            var ml = new MLContext(seed: 0);
            ITransformer model;
            // ML.NET reads the model zip with seeks: copy it out of the outer zip's deflate stream first.
            using (var inner = new MemoryStream())
            {
                using (var stream = modelEntry.Open())
                {
                    stream.CopyTo(inner);
                }

                inner.Position = 0;
                model = ml.Model.Load(inner, out _);
            }

            var thresholds = TierThresholds.Restore(
                settings.Thresholds.ToDictionary(t => t.Category, t => (t.Auto, t.Suggest), StringComparer.Ordinal),
                (settings.Pooled.Auto, settings.Pooled.Suggest),
                settings.PooledCategories);
            foreach (var language in settings.Languages ?? [])
            {
                thresholds.RestoreLanguage(
                    language.Language,
                    language.Thresholds.ToDictionary(t => t.Category, t => (t.Auto, t.Suggest), StringComparer.Ordinal),
                    (language.Pooled.Auto, language.Pooled.Suggest));
            }

            return new CaseClassifier(ml, model, settings.Categories, new TemperatureSoftmax(settings.Temperature, settings.ScoresAreProbabilities), thresholds, settings.Trainer);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"The case model artifact cannot be read: {e.GetType().Name}.", e);
        }
    }

    private sealed record CategoryThreshold(string Category, double Auto, double Suggest);

    private sealed record LanguageThreshold(string Language, IReadOnlyList<CategoryThreshold> Thresholds, CategoryThreshold Pooled);

    private sealed record Settings(
        int Format, IReadOnlyList<string> Categories, double Temperature, bool ScoresAreProbabilities, string Trainer,
        IReadOnlyList<CategoryThreshold> Thresholds, CategoryThreshold Pooled, IReadOnlyList<string> PooledCategories,
        IReadOnlyList<LanguageThreshold>? Languages);
}
