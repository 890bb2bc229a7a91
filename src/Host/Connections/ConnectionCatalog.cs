using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Connectors.Salesforce;
using CrmExtensions.Host.Configuration;
using CrmExtensions.Jobs;
using CrmExtensions.Jobs.Alerts;
using CrmExtensions.Plugins.Processing;
using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Store;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Connections;

/// <summary>
/// The configured connections by name and by org. A Dataverse connection is checked once before its first job: it
/// must reach the configured org (a repointed URL is refused) and is bound to it in the store.
/// </summary>
public sealed class ConnectionCatalog : IEventTargets, IDisposable
{
    private readonly Dictionary<string, ServedConnection> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly CrmStore _store;
    private readonly SemaphoreSlim _bindGate = new(1, 1);
    private readonly HashSet<string> _bound = new(StringComparer.OrdinalIgnoreCase);
    private readonly IAlertSink? _alerts;

    public ConnectionCatalog(IOptions<ServeOptions> options, CrmStore store, Func<HostConnection, ServedConnector?>? connect = null, IAlertSink? alerts = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _alerts = alerts;
        connect ??= Connect;
        foreach (var settings in options.Value.Connections)
        {
            var crm = settings.IsDataverse ? CrmKind.Dataverse : CrmKind.Salesforce;
            var tables = settings.IsDataverse ? settings.Dataverse?.EffectiveTables ?? [] : settings.Salesforce?.EffectiveObjects ?? [];
            var specs = DefaultSpecs.For(crm)
                .Where(s => settings.Models.Count > 0 ? settings.Models.Contains(s.Name, StringComparer.OrdinalIgnoreCase) : tables.Contains(s.Entity, StringComparer.OrdinalIgnoreCase))
                .ToList();
            var caseSpecs = CaseSpecs.For(crm)
                .Where(s => settings.Models.Count > 0 ? settings.Models.Contains(s.Name, StringComparer.OrdinalIgnoreCase) : tables.Contains(s.Entity, StringComparer.OrdinalIgnoreCase))
                .Select(s => s.Name == DefaultModels.CaseCategory ? WithLabels(s, settings.Cases) : s)
                .ToList();
            if (settings.MinimiseColumns)
            {
                Minimise(settings, SyncColumns.NamedBy(specs).Concat(caseSpecs.SelectMany(CaseColumns)).ToHashSet(StringComparer.OrdinalIgnoreCase));
            }

            _byName[settings.Name] = new ServedConnection(settings, OrgId.Parse(settings.OrganizationId), crm, specs, tables, connect(settings), caseSpecs);
        }
    }

    /// <summary>Creates the connector of a connection from its <c>Dataverse</c> or <c>Salesforce</c> settings (validated at start).</summary>
    public static ServedConnector? Connect(HostConnection settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.IsDataverse)
        {
            var dataverse = DataverseConnector.Create(settings.Dataverse!);
            return new ServedConnector(dataverse.Source, dataverse.Writer, dataverse, new ApiMeter(() => dataverse.Usage.Calls), dataverse.Credentials);
        }

        if (settings.Salesforce is null)
        {
            return null;
        }

        var salesforce = SalesforceConnector.Create(settings.Salesforce);
        var budget = salesforce.Usage.Budget;
        return new ServedConnector(
            salesforce.Source, salesforce.Writer, salesforce,
            new ApiMeter(() => salesforce.Usage.Calls, () => budget.Max > 0 ? new ApiBudgetReading(budget.Used, budget.Max) : null), salesforce.Credentials);
    }

    public IReadOnlyCollection<ServedConnection> All => _byName.Values;

    // Data minimisation: the connector leaves personal and secured columns in the CRM unless a spec of the connection names them.
    private static void Minimise(HostConnection settings, IReadOnlySet<string> named)
    {
        if (settings.Dataverse is { } dataverse)
        {
            dataverse.MinimiseColumns = true;
            foreach (var column in named.Except(dataverse.KeepColumns, StringComparer.OrdinalIgnoreCase))
            {
                dataverse.KeepColumns.Add(column);
            }
        }

        if (settings.Salesforce is { } salesforce)
        {
            salesforce.MinimiseColumns = true;
            foreach (var field in named.Except(salesforce.KeepFields, StringComparer.OrdinalIgnoreCase))
            {
                salesforce.KeepFields.Add(field);
            }
        }
    }

    // The admin's category field settings replace the default spec's, field by field.
    private static CaseSpec WithLabels(CaseSpec spec, CaseSettings cases) => spec with
    {
        Labels = new CaseLabelOptions
        {
            CategoryField = cases.CategoryField ?? spec.Labels.CategoryField,
            AgentField = cases.AgentField ?? spec.Labels.AgentField,
            AgentLookupNameField = cases.AgentLookupNameField ?? spec.Labels.AgentLookupNameField,
            ConfirmationField = cases.ConfirmationField ?? spec.Labels.ConfirmationField,
        },
    };

    // The columns a case model reads: its text, structured fields, category and provenance fields, state.
    private static IEnumerable<string> CaseColumns(CaseSpec spec) =>
        new[] { spec.Labels.CategoryField, spec.Labels.AgentField, spec.Labels.AgentLookupNameField, spec.Labels.ConfirmationField, spec.StateField }
            .Concat(spec.TextFields).Concat(spec.StructuredFields)
            .Where(c => !string.IsNullOrEmpty(c)).Select(c => c!);

    /// <summary>The connection, or an exception naming the unknown name.</summary>
    public ServedConnection Get(string name) =>
        _byName.TryGetValue(name, out var connection) ? connection : throw new InvalidOperationException($"No connection named '{name}' is configured in {ServeOptions.Section}:Connections.");

    /// <summary>The connection whose configured org matches the id a sender claims, or null.</summary>
    public ServedConnection? FindBySender(string senderOrg) =>
        _byName.Values.FirstOrDefault(c => LoopGuardIds.Same(c.Settings.OrganizationId, senderOrg));

    /// <summary>Checks the connection once and binds it to its org; throws when it reaches another org.</summary>
    public async Task<ServedConnection> ReadyAsync(string name, CancellationToken cancellationToken)
    {
        var connection = Get(name);
        if (connection.Connector is null)
        {
            throw new InvalidOperationException($"Connection '{name}' ({connection.Settings.Crm}) has no connector: set {ServeOptions.Section}:Connections:N:Salesforce.");
        }

        await _bindGate.WaitAsync(cancellationToken);
        try
        {
            if (_bound.Contains(name))
            {
                return connection;
            }

            var check = await connection.Connector.Source.CheckAsync(cancellationToken);
            if (check.Org is not { } reached)
            {
                throw new InvalidOperationException($"Connection '{name}': the check failed: {string.Join("; ", check.Problems)}");
            }

            if (reached != connection.Org)
            {
                // A repointed URL (a UAT copy's settings aimed at production, or the reverse): nothing is synced or written.
                if (_alerts is not null)
                {
                    await _alerts.RaiseAsync(new Alert(AlertKinds.UnknownOrg, reached.Value, $"connection {name}",
                        $"connection '{name}' reaches this org, not its configured org {connection.Org.Value}; it was refused and nothing was synced or written"), cancellationToken);
                }

                throw new InvalidOperationException($"Connection '{name}' reaches org {reached.Value}, not the configured {connection.Org.Value}.");
            }

            await _store.Connections.BindAsync(name, connection.Settings.Crm, connection.Settings.Url, reached, cancellationToken);
            _bound.Add(name);
            return connection;
        }
        finally
        {
            _bindGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<EventTarget?> FindAsync(OrgId org, CancellationToken cancellationToken)
    {
        var connection = _byName.Values.FirstOrDefault(c => c.Org == org && c.Connector is not null);
        if (connection is null)
        {
            return null;
        }

        await ReadyAsync(connection.Name, cancellationToken);
        return new EventTarget(connection.Name, connection.Org, connection.Crm, connection.Connector!.Source, connection.Connector.Writer, connection.Specs);
    }

    public void Dispose()
    {
        foreach (var connection in _byName.Values)
        {
            connection.Connector?.Dispose();
        }

        _bindGate.Dispose();
    }

    private static class LoopGuardIds
    {
        public static bool Same(string configured, string sender) =>
            Guid.TryParse(configured, out var a) && Guid.TryParse(sender, out var b) ? a == b
            : configured.Length >= 15 && sender.Length >= 15 && string.Equals(configured[..15], sender[..15], StringComparison.Ordinal);
    }
}
