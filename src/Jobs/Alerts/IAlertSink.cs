namespace CrmExtensions.Jobs.Alerts;

/// <summary>Where operational alerts go (a log, an incoming-webhook channel). Implementations never throw for a failed delivery.</summary>
public interface IAlertSink
{
    /// <summary>Raises an alert.</summary>
    Task RaiseAsync(Alert alert, CancellationToken cancellationToken = default);

    /// <summary>Says the incident of <paramref name="key"/> is over (the job succeeded again, the drift went away).</summary>
    Task ResolveAsync(AlertKey key, CancellationToken cancellationToken = default);
}
