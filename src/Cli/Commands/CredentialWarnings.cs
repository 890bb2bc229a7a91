using CrmExtensions.Jobs.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

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

        var options = settings.Configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new UsageException(string.Join(" ", failures));
        }

        // The command prints the warnings itself; the log sink would only repeat them.
        using var alerts = AlertSinks.Create(options, NullLoggerFactory.Instance, TimeProvider.System);
        var raised = await CredentialExpiryWarnings.CheckAsync(alerts, org, connector.Credentials, TimeProvider.System.GetUtcNow(), options.CredentialWarningDays, cancellationToken);
        return [.. raised.Select(a => $"{a.Subject} {a.Message}")];
    }
}
