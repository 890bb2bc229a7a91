using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Specs;

/// <summary>The fields a model uses and the ones it leaves out, each with its reason.</summary>
public sealed record FeatureSelection(IReadOnlyList<KeyValuePair<string, FieldType>> Included, IReadOnlyList<FeatureExclusion> Excluded);
