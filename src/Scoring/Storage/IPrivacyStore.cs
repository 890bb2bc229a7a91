using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>Erasure of one person's data and retention purges (GDPR Art. 17 and storage limitation).</summary>
public interface IPrivacyStore
{
    /// <summary>
    /// Erases a record from the store — its values, its outputs and their history — and remembers its id (never its
    /// values) so later syncs do not bring it back and no future training sees it. Idempotent.
    /// </summary>
    Task<ForgetReport> ForgetAsync(OrgId org, string entity, string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Whether a record was forgotten.</summary>
    Task<bool> IsForgottenAsync(OrgId org, string entity, string id, CancellationToken cancellationToken = default);

    /// <summary>Purges what the policy no longer allows to keep, as of <paramref name="now"/>, in every org.</summary>
    Task<RetentionReport> PurgeAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>What a forget removed: stored records, current outputs and output history rows.</summary>
public sealed record ForgetReport(long Records, long Outputs, long OutputHistory);

/// <summary>What a purge removed.</summary>
/// <param name="TombstoneValues">Deleted records whose last values were cleared.</param>
/// <param name="OutputHistory">Old output history rows deleted.</param>
/// <param name="JobRuns">Old finished job runs deleted.</param>
/// <param name="Drift">Old drift measurements deleted.</param>
/// <param name="RetiredModels">Old retired model versions deleted (champions and challengers are kept).</param>
public sealed record RetentionReport(long TombstoneValues, long OutputHistory, long JobRuns, long Drift, long RetiredModels);

/// <summary>How long each kind of data is kept. Configuration section <c>Crmx:Retention</c>.</summary>
public sealed record RetentionPolicy
{
    /// <summary>Days a deleted record keeps its last values (to recognise an undelete) before they are cleared.</summary>
    public int TombstoneValuesDays { get; init; } = 30;

    /// <summary>Days of output history (past scores, grades, reasons) kept.</summary>
    public int ScoreHistoryDays { get; init; } = 365;

    /// <summary>Days of finished job runs kept.</summary>
    public int JobRunDays { get; init; } = 90;

    /// <summary>Days of drift measurements kept.</summary>
    public int DriftDays { get; init; } = 365;

    /// <summary>Days a retired model version (and its artifact) is kept for rollback.</summary>
    public int RetiredModelDays { get; init; } = 365;

    /// <summary>Throws naming the setting when a value is not a positive number of days.</summary>
    public void Validate()
    {
        foreach (var (name, days) in new[]
        {
            (nameof(TombstoneValuesDays), TombstoneValuesDays), (nameof(ScoreHistoryDays), ScoreHistoryDays),
            (nameof(JobRunDays), JobRunDays), (nameof(DriftDays), DriftDays), (nameof(RetiredModelDays), RetiredModelDays),
        })
        {
            if (days < 1)
            {
                throw new ArgumentException($"Crmx:Retention:{name} must be at least 1 day.");
            }
        }
    }
}
