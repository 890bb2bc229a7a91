using Microsoft.ML;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Text features: TF-IDF word 1…n-grams and character 1…m-grams (so Chinese, Japanese and other scripts written
/// without spaces get features), L2-normalised; structured fields as word indicators.
/// </summary>
internal static class CaseFeaturiser
{
    public static IEstimator<ITransformer> Build(MLContext ml, CaseClassifierOptions options, bool withFields)
    {
        var text = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = options.WordNgrams,
                UseAllLengths = true,
                Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
            },
            CharFeatureExtractor = options.CharNgrams == 0 ? null : new WordBagEstimator.Options
            {
                NgramLength = options.CharNgrams,
                UseAllLengths = true,
                Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
            },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        // Keys ordered by value, so score slot i is category i: every category occurs in each set a featuriser is fitted on.
        var estimator = ml.Transforms.Conversion.MapValueToKey(nameof(CaseMlRow.Label), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.FeaturizeText("TextFeatures", text, nameof(CaseMlRow.Text)));
        if (!withFields)
        {
            return estimator.Append(ml.Transforms.CopyColumns("Features", "TextFeatures"));
        }

        var fields = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepPunctuations = false,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1, UseAllLengths = true },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        return estimator
            .Append(ml.Transforms.Text.FeaturizeText("FieldFeatures", fields, nameof(CaseMlRow.Fields)))
            .Append(ml.Transforms.Concatenate("Features", "TextFeatures", "FieldFeatures"));
    }
}
