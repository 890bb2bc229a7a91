namespace CrmExtensions.Scoring.Cases;

/// <summary>The trainer's class scores for one case, as a prediction engine returns them.</summary>
internal sealed class CaseScoreRow
{
    public float[] Score { get; set; } = [];
}
