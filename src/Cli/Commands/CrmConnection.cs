using System.CommandLine;
using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Store;
using Microsoft.Extensions.Configuration;

namespace CrmExtensions.Cli.Commands;

/// <summary>The <c>--crm</c> option and opening the configured connector, bound to the org it reaches.</summary>
internal static class CrmConnection
{
    public static Option<string> Crm() => new("--crm")
    {
        Description = "Which CRM: dataverse (configured in Crmx:Dataverse). Salesforce arrives with issue 9.",
        Required = true,
    };

    /// <summary>Creates the Dataverse connector from <c>Crmx:Dataverse</c>; settings problems exit with code 2 naming the setting.</summary>
    public static DataverseConnector Open(CliSettings settings, string crm)
    {
        if (!string.Equals(crm, "dataverse", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--crm {crm} is not available yet; only dataverse is (Salesforce: issue 9).");
        }

        var options = new DataverseOptions();
        settings.Configuration.GetSection(DataverseOptions.Section).Bind(options);
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new UsageException(string.Join(" ", failures));
        }

        return DataverseConnector.Create(options);
    }

    /// <summary>Checks the connection and binds it to the org it reached; a connection that now reaches another org is refused.</summary>
    public static async Task<OrgId> BindAsync(DataverseConnector connector, CrmStore store, CliSettings settings, CancellationToken cancellationToken)
    {
        var check = await connector.Source.CheckAsync(cancellationToken);
        if (check.Org is not { } org)
        {
            throw new InvalidOperationException($"The Dataverse check failed: {string.Join("; ", check.Problems)}");
        }

        var url = settings.Configuration[$"{DataverseOptions.Section}:EnvironmentUrl"] ?? string.Empty;
        await store.Connections.BindAsync("dataverse", "dataverse", url, org, cancellationToken);
        return org;
    }

    public static CrmKind Kind => CrmKind.Dataverse;
}
