namespace CrmExtensions.Scoring.Cases;

/// <summary>Trainers compared on the validation split (all linear: text features are wide and sparse).</summary>
public enum CaseTrainerKind
{
    /// <summary>One-versus-all averaged perceptron (raw margins, calibrated by a fitted softmax temperature).</summary>
    AveragedPerceptron,

    /// <summary>L-BFGS maximum entropy with L1 = 0 and light L2 (the defaults, L1 = L2 = 1, are far too strong for TF-IDF).</summary>
    MaximumEntropy,

    /// <summary>SDCA maximum entropy (stochastic dual coordinate ascent, its own L2 choice).</summary>
    SdcaMaximumEntropy,

    /// <summary>One-versus-all linear SVM (Pegasos).</summary>
    LinearSvm,
}
