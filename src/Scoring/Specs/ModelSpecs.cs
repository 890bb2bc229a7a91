using System.Text.Json;
using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Specs;

/// <summary>Reading and checking specs kept as configuration (JSON, camelCase, enums as strings).</summary>
public static class ModelSpecs
{
    /// <summary>Reads a JSON array of specs and validates each; throws <see cref="JsonException"/> naming the spec and setting at fault.</summary>
    public static IReadOnlyList<ModelSpec> FromJson(string json)
    {
        var specs = JsonSerializer.Deserialize<List<ModelSpec>>(json, JsonDefaults.Options) ?? [];
        foreach (var spec in specs)
        {
            var errors = Validate(spec);
            if (errors.Count > 0)
            {
                throw new JsonException($"Model spec '{spec.Name}': {string.Join("; ", errors)}");
            }
        }

        return specs;
    }

    /// <summary>Problems with a spec, each naming the setting; empty when it can be trained.</summary>
    public static IReadOnlyList<string> Validate(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            errors.Add("name is required");
        }

        if (string.IsNullOrWhiteSpace(spec.Entity))
        {
            errors.Add("entity is required");
        }

        if (spec.Kind is not (ModelKind.Binary or ModelKind.Regression))
        {
            errors.Add("kind must be binary or regression");
        }

        if (spec.Label is null && spec.PointInTime is null)
        {
            errors.Add("either label or pointInTime is required");
        }

        if (spec.Label is { } label && spec.Kind == ModelKind.Binary && label.PositiveValues.Count == 0)
        {
            errors.Add("label.positiveValues must name at least one value for a binary model");
        }

        if (spec.PointInTime is { HorizonDays: <= 0 })
        {
            errors.Add("pointInTime.horizonDays must be positive");
        }

        if (spec.MinimumPerClass < 1)
        {
            errors.Add("minimumPerClass must be at least 1");
        }

        return errors;
    }
}
