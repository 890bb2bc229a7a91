using Microsoft.Extensions.Configuration;

namespace CrmExtensions.Host.Configuration;

/// <summary>Recurring jobs (<c>Crmx:Host:Schedules</c>), cron in <see cref="ServeOptions.TimeZone"/>; empty disables one.</summary>
public sealed class ScheduleSettings
{
    /// <summary>The refresh chain per connection: sync every table, then score, then write back.</summary>
    public string? Refresh { get; set; } = "*/15 * * * *";

    /// <summary>Retraining every spec per connection (then a refresh rescored with the champions).</summary>
    public string? Retrain { get; set; } = "0 3 * * 0";

    /// <summary>Training the case models (category, priority, sentiment) per connection with cases synced.</summary>
    public string? CaseTrain { get; set; } = "0 4 * * 0";

    /// <summary>Scoring open uncategorised cases with the case champions, then writing back the case table.</summary>
    public string? CaseScore { get; set; } = "*/15 * * * *";

    /// <summary>Shards per score run: more than 1 splits scoring by record-id range into Hangfire jobs.</summary>
    public int ScoreShards { get; set; } = 1;

    /// <summary>
    /// Turns schedules set to an empty value into "disabled": once a configuration is chained into the host's (as
    /// <c>CrmxHost.BuildAsync</c> does), an empty value reads as missing and the default cron would stay.
    /// </summary>
    public void ApplyEmptyValues(IConfiguration schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        Refresh = schedules[nameof(Refresh)] is "" ? null : Refresh;
        Retrain = schedules[nameof(Retrain)] is "" ? null : Retrain;
        CaseTrain = schedules[nameof(CaseTrain)] is "" ? null : CaseTrain;
        CaseScore = schedules[nameof(CaseScore)] is "" ? null : CaseScore;
    }
}
