using System.CommandLine;
using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Connectors.Salesforce;
using CrmExtensions.Jobs;
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
        Description = "Which CRM: dataverse (configured in Crmx:Dataverse) or salesforce (Crmx:Salesforce).",
        Required = true,
    };

    /// <summary>Creates the connector from its configuration section; settings problems exit with code 2 naming the setting.</summary>
    public static CrmConnector Open(CliSettings settings, string crm)
    {
        if (string.Equals(crm, "salesforce", StringComparison.OrdinalIgnoreCase))
        {
            return OpenSalesforce(settings);
        }

        if (!string.Equals(crm, "dataverse", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--crm {crm} is not known; use dataverse or salesforce.");
        }

        var options = new DataverseOptions();
        settings.Configuration.GetSection(DataverseOptions.Section).Bind(options);
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new UsageException(string.Join(" ", failures));
        }

        var connector = DataverseConnector.Create(options);
        return new CrmConnector("dataverse", CrmKind.Dataverse, options.EnvironmentUrl?.ToString() ?? string.Empty, connector.Source, connector.Writer, connector,
            () => new { calls = connector.Usage.Calls, retries = connector.Usage.Retries, throttled = connector.Usage.Throttled },
            new ApiMeter(() => connector.Usage.Calls), connector.Credentials);
    }

    /// <summary>Checks the connection and binds it to the org it reached; a connection that now reaches another org is refused.</summary>
    public static async Task<OrgId> BindAsync(CrmConnector connector, CrmStore store, CliSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var check = await connector.Source.CheckAsync(cancellationToken);
        if (check.Org is not { } org)
        {
            throw new InvalidOperationException($"The {connector.Name} check failed: {string.Join("; ", check.Problems)}");
        }

        await store.Connections.BindAsync(connector.Name, connector.Name, connector.Url, org, cancellationToken);
        return org;
    }

    private static CrmConnector OpenSalesforce(CliSettings settings)
    {
        var options = new SalesforceOptions();
        settings.Configuration.GetSection(SalesforceOptions.Section).Bind(options);
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new UsageException(string.Join(" ", failures));
        }

        var connector = SalesforceConnector.Create(options);
        return new CrmConnector("salesforce", CrmKind.Salesforce, options.LoginUrl?.ToString() ?? string.Empty, connector.Source, connector.Writer, connector,
            () => new
            {
                calls = connector.Usage.Calls,
                retries = connector.Usage.Retries,
                budgetUsed = connector.Usage.Budget.Used,
                budgetMax = connector.Usage.Budget.Max,
            },
            new ApiMeter(() => connector.Usage.Calls, () => connector.Usage.Budget.Max > 0 ? new ApiBudgetReading(connector.Usage.Budget.Used, connector.Usage.Budget.Max) : null),
            connector.Credentials);
    }
}
