namespace CrmExtensions.Sandbox.Generation;

/// <summary>
/// The hidden outcome processes of docs/sandbox-data.md, shared by the generator and the change simulator so that
/// leads qualified and deals closed later (through <c>simulate</c>) follow the same process as generated history.
/// </summary>
internal sealed class OutcomeModel(double[] industryEffect, IReadOnlyDictionary<Guid, double> ownerSkill, IReadOnlyDictionary<Guid, double> accountDissatisfaction)
{
    /// <summary>Per-record noise added to the log-odds before the Bernoulli draw.</summary>
    public const double Noise = 0.5;

    /// <summary>Lead-source effect on log-odds, index = source code 1..10 (0 = unknown).</summary>
    public static readonly IReadOnlyList<double> SourceEffect = [0, -0.5, 1.0, 0.8, 0.6, -0.3, 0.3, 0.3, 0.0, 0.5, -0.2];

    /// <summary>Source effect used for deals that did not come from a lead.</summary>
    public const double DirectDealSourceEffect = 0.2;

    public double LeadLogit(int? source, int? industry, int? employees, int activities, Guid owner) =>
        -1.6 + (2.2 * SourceEffect[source ?? 0]) + (2.0 * (industry is { } i ? industryEffect[i] : 0))
        + (0.9 * (Math.Log10(Math.Max(1, employees ?? 40)) - 1.6)) + (1.8 * (Math.Log(1 + activities) - 0.9))
        + (2.0 * ownerSkill.GetValueOrDefault(owner));

    public double OpportunityLogit(double sourceEffect, int? accountEmployees, double valueBase, int accountActivities, Guid owner, Guid account) =>
        -0.4 + (1.8 * sourceEffect) + (0.9 * (Math.Log10((accountEmployees ?? 50) + 1) - 1.7))
        - (1.3 * (Math.Log10(Math.Max(1, valueBase)) - 4)) + (1.2 * (Math.Log(1 + accountActivities) - 0.7))
        + (3.5 * ownerSkill.GetValueOrDefault(owner)) - (0.9 * accountDissatisfaction.GetValueOrDefault(account));
}
