using CrmExtensions.Jobs.Alerts;

namespace CrmExtensions.Cli.Commands;

/// <summary>
/// <c>crmx check</c>'s credential-expiry warnings: sent through the configured alert sink (<c>Crmx:Alerts</c>, so the
/// webhook channel hears them too) and returned for the command to print.
/// </summary>
internal static class CredentialWarnings
{
    public static async Task<IReadOnlyList<string>> SendAsync(CliSettings settings, CrmConnector connector, string org, CancellationToken cancellationToken)
    {
        if (connector.Credentials.Count == 0)
        {
            return [];
        }

        var options = CliAlerts.Options(settings);

        // The command prints the warnings itself; the log sink would only repeat them.
        using var alerts = CliAlerts.Open(settings, null);
        var raised = await CredentialExpiryWarnings.CheckAsync(alerts, org, connector.Credentials, TimeProvider.System.GetUtcNow(), options.CredentialWarningDays, cancellationToken);
        return [.. raised.Select(a => $"{a.Subject} {a.Message}")];
    }
}
