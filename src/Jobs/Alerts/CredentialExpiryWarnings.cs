using CrmExtensions.Connectors.Common.Contracts;

namespace CrmExtensions.Jobs.Alerts;

/// <summary>
/// Raises <see cref="AlertKinds.CredentialExpiry"/> for each credential that expires within the warning period (or
/// has expired) and resolves it for the others. The host runs it at start and daily; <c>crmx check</c> runs it once.
/// </summary>
public static class CredentialExpiryWarnings
{
    /// <summary>Checks <paramref name="credentials"/> of <paramref name="org"/> and returns the alerts it raised.</summary>
    /// <param name="alerts">Where the warnings go.</param>
    /// <param name="org">The org (or connection name when the org is not known yet).</param>
    /// <param name="credentials">The credentials with a known expiry.</param>
    /// <param name="now">The current time.</param>
    /// <param name="warningDays">Warn this many days before.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    public static async Task<IReadOnlyList<Alert>> CheckAsync(
        IAlertSink alerts, string org, IEnumerable<CredentialExpiry> credentials, DateTimeOffset now, int warningDays, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(credentials);
        var raised = new List<Alert>();
        foreach (var credential in credentials)
        {
            var left = credential.ExpiresOn - now;
            var key = new AlertKey(AlertKinds.CredentialExpiry, org, credential.Credential);
            if (left > TimeSpan.FromDays(warningDays))
            {
                await alerts.ResolveAsync(key, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var when = $"{credential.ExpiresOn.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
            var message = left <= TimeSpan.Zero
                ? $"expired on {when}: sign-in fails until a new one is configured"
                : $"expires on {when}, in {(int)Math.Ceiling(left.TotalDays)} days: create a new one and update the configuration before then";
            var alert = new Alert(key.Kind, org, key.Subject, message);
            await alerts.RaiseAsync(alert, cancellationToken).ConfigureAwait(false);
            raised.Add(alert);
        }

        return raised;
    }
}
