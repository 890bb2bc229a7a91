using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmExtensions.Scoring.Models;

/// <summary>
/// The metrics of a model version, in one schema for every model kind (documented in docs/metrics-schema.md).
/// Every figure is measured on hold-out rows the model did not train on.
/// </summary>
public sealed record ModelMetrics
{
    /// <summary>The schema identifier written into every metrics document.</summary>
    public const string CurrentSchema = "crmx.metrics/1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Always <see cref="CurrentSchema"/> for documents this version writes.</summary>
    public string Schema { get; init; } = CurrentSchema;

    /// <summary>The model kind the figures belong to.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>How the hold-out was chosen, e.g. "time: newest 20% by createdon" or "stratified 25%, seed 0".</summary>
    public required string Split { get; init; }

    /// <summary>Rows used for training.</summary>
    public required long TrainRows { get; init; }

    /// <summary>Hold-out rows the figures were measured on.</summary>
    public required long HoldoutRows { get; init; }

    /// <summary>
    /// Named figures. Names in use: auc, prAuc, logLoss, brier, topDecileLift (binary); rmse, mae, r2 (regression);
    /// accuracy, macroF1 (multiclass); silhouette, daviesBouldin (segmentation); hitRate10, ndcg10, precision10
    /// (recommendation). A kind may add others; readers ignore names they do not know.
    /// </summary>
    public required IReadOnlyDictionary<string, double> Values { get; init; }

    /// <summary>Optional structured detail: curves, calibration table, per-class figures.</summary>
    public JsonElement? Details { get; init; }

    /// <summary>Serialises to the documented JSON form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads the documented JSON form; throws <see cref="JsonException"/> for other schemas.</summary>
    public static ModelMetrics FromJson(string json)
    {
        var metrics = JsonSerializer.Deserialize<ModelMetrics>(json, JsonOptions)
            ?? throw new JsonException("The metrics document is empty.");
        return metrics.Schema == CurrentSchema
            ? metrics
            : throw new JsonException($"Metrics schema '{metrics.Schema}' is not '{CurrentSchema}'.");
    }
}
