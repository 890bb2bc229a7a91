namespace CrmExtensions.Scoring.Recommendations;

/// <summary>
/// Hyper-parameters of implicit-feedback ALS (Hu, Koren &amp; Volinsky 2008): confidence c = 1 + α·log(1 + r) for a
/// purchase strength r, preference 1 where r &gt; 0, L2 regularisation λ.
/// </summary>
/// <param name="Factors">Latent dimensions.</param>
/// <param name="Regularization">λ, added to the diagonal of every normal-equation system.</param>
/// <param name="Alpha">Confidence scale α.</param>
/// <param name="Iterations">Full alternations (customers, then items).</param>
/// <param name="Seed">Seed of the random item-factor start.</param>
/// <param name="CgSteps">
/// Conjugate-gradient steps per row solve, warm-started from the previous factors (Takács, Pilászy &amp; Tikk 2011): O(nᵤ f + f²)
/// per step instead of the exact O(nᵤ f² + f³) Cholesky solve; 0 solves exactly.
/// </param>
public sealed record AlsSettings(
    int Factors = 32, double Regularization = 1.0, double Alpha = 8.0, int Iterations = 12, int Seed = 17, int CgSteps = 3)
{
    /// <summary>The confidence of a cell with purchase strength <paramref name="strength"/>.</summary>
    public double Confidence(double strength) => 1.0 + (Alpha * Math.Log(1.0 + strength));
}
