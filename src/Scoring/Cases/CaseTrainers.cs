using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace CrmExtensions.Scoring.Cases;

/// <summary>The ML.NET trainers behind <see cref="CaseTrainerKind"/>, with settings that suit sparse TF-IDF inputs.</summary>
internal static class CaseTrainers
{
    /// <summary>True when the trainer's Score column holds probabilities (not raw margins).</summary>
    public static bool GivesProbabilities(CaseTrainerKind kind) => kind is CaseTrainerKind.MaximumEntropy or CaseTrainerKind.SdcaMaximumEntropy;

    public static string Describe(CaseTrainerKind kind) => kind switch
    {
        CaseTrainerKind.AveragedPerceptron => "one-vs-all averaged perceptron (10 epochs)",
        CaseTrainerKind.MaximumEntropy => "maximum entropy (L-BFGS, L1 0, L2 0.1)",
        CaseTrainerKind.SdcaMaximumEntropy => "maximum entropy (SDCA)",
        CaseTrainerKind.LinearSvm => "one-vs-all linear SVM",
        _ => kind.ToString(),
    };

    public static IEstimator<ITransformer> Create(MLContext ml, CaseTrainerKind kind) => kind switch
    {
        // Raw margins (useProbabilities: false): one Platt fit per class is noisy with few cases; TemperatureSoftmax calibrates instead.
        CaseTrainerKind.AveragedPerceptron => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options { NumberOfIterations = 10 }),
            useProbabilities: false),
        CaseTrainerKind.MaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = 0.1f,
            MaximumNumberOfIterations = 200,
        }),
        CaseTrainerKind.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            MaximumNumberOfIterations = 30,
        }),
        CaseTrainerKind.LinearSvm => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options { NumberOfIterations = 10 }),
            useProbabilities: false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown case trainer"),
    };
}
