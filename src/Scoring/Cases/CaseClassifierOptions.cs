namespace CrmExtensions.Scoring.Cases;

/// <summary>Settings of case categorisation. The same defaults serve every org: there are no per-dataset constants.</summary>
public sealed record CaseClassifierOptions
{
    /// <summary>Seed of the validation split, the oversampling and the trainers.</summary>
    public int Seed { get; init; }

    /// <summary>Share of the training cases held back to compare trainers, calibrate and choose tier thresholds.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Target precision of the auto-apply tier, per category, on validation cases.</summary>
    public double AutoPrecision { get; init; } = 0.90;

    /// <summary>Target precision of the suggest tier, per category, on validation cases.</summary>
    public double SuggestPrecision { get; init; } = 0.70;

    /// <summary>Fewest labelled cases a category needs to be learned; rarer categories are left out with a note.</summary>
    public int MinCasesPerCategory { get; init; } = 10;

    /// <summary>Fewest validation predictions of a category for its own thresholds; below it the pooled thresholds apply.</summary>
    public int MinValidationPerCategory { get; init; } = 10;

    /// <summary>
    /// Fewest validation cases of a language (<see cref="ScriptLanguage"/>) for thresholds per category and language;
    /// a language with fewer uses the category thresholds over all languages.
    /// </summary>
    public int MinValidationPerLanguage { get; init; } = 50;

    /// <summary>
    /// Largest abstain (Review) share per language: a language with its own thresholds has its suggest thresholds
    /// lowered until at most this share of its validation cases is left for review; on a hold-out a higher share is
    /// reported as a warning.
    /// </summary>
    public double MaxAbstainShare { get; init; } = 0.30;

    /// <summary>
    /// Refit the chosen trainer on all training cases (validation included) after choosing. Off by default: a refitted
    /// model is sharper than the one whose validation confidences chose the temperature and the tier thresholds, so its
    /// auto tier let more cases through than validation promised (on the sandbox, most in the smaller language).
    /// </summary>
    public bool RefitOnAllCases { get; init; }

    /// <summary>Trainers compared on validation.</summary>
    public IReadOnlyList<CaseTrainerKind> Trainers { get; init; } =
        [CaseTrainerKind.AveragedPerceptron, CaseTrainerKind.MaximumEntropy, CaseTrainerKind.SdcaMaximumEntropy];

    /// <summary>Longest word n-gram (1 = single words).</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Longest character n-gram; all lengths from 1 are used, so unsegmented scripts (Chinese) get features.</summary>
    public int CharNgrams { get; init; } = 3;

    /// <summary>Every category is oversampled (with repetition) to at least this share of the largest one.</summary>
    public double BalanceToShareOfLargest { get; init; } = 0.5;

    /// <summary>Checks the settings; throws naming the setting.</summary>
    public void Validate()
    {
        Check(ValidationFraction is > 0 and < 0.9, nameof(ValidationFraction), "must be in (0, 0.9)");
        Check(AutoPrecision is > 0 and <= 1, nameof(AutoPrecision), "must be in (0, 1]");
        Check(SuggestPrecision is > 0 and <= 1, nameof(SuggestPrecision), "must be in (0, 1]");
        Check(SuggestPrecision <= AutoPrecision, nameof(SuggestPrecision), "must not exceed AutoPrecision");
        Check(MinCasesPerCategory >= 2, nameof(MinCasesPerCategory), "must be at least 2");
        Check(MinValidationPerLanguage >= 1, nameof(MinValidationPerLanguage), "must be at least 1");
        Check(MaxAbstainShare is >= 0 and <= 1, nameof(MaxAbstainShare), "must be in [0, 1]");
        Check(Trainers.Count > 0, nameof(Trainers), "must name at least one trainer");
        Check(WordNgrams is >= 1 and <= 3, nameof(WordNgrams), "must be 1–3");
        Check(CharNgrams is >= 0 and <= 5, nameof(CharNgrams), "must be 0–5");
        Check(BalanceToShareOfLargest is >= 0 and <= 1, nameof(BalanceToShareOfLargest), "must be in [0, 1]");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"Case classifier setting {name} {rule}.", name);
        }
    }
}
