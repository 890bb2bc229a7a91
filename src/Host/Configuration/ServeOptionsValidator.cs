using CrmExtensions.Scoring.Records;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Configuration;

/// <summary>Fails the host at start with messages naming each bad setting (never its value when it is a secret).</summary>
internal sealed class ServeOptionsValidator : IValidateOptions<ServeOptions>
{
    public ValidateOptionsResult Validate(string? name, ServeOptions options)
    {
        var failures = new List<string>();
        if (!string.Equals(options.Scheduler, "hangfire", StringComparison.OrdinalIgnoreCase) && !options.UnderFunctions)
        {
            failures.Add($"{ServeOptions.Section}:Scheduler must be 'hangfire' or 'functions'.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"{ServeOptions.Section}:TimeZone '{options.TimeZone}' is not a known time zone.");
        }

        if (!options.Hangfire.UsesPostgres && !string.Equals(options.Hangfire.Storage, "memory", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{ServeOptions.Section}:Hangfire:Storage must be 'memory' or 'postgresql'.");
        }

        if (options.Hangfire.WorkerCount < 1)
        {
            failures.Add($"{ServeOptions.Section}:Hangfire:WorkerCount must be at least 1.");
        }

        if (options.Schedules.ScoreShards is < 1 or > 256)
        {
            failures.Add($"{ServeOptions.Section}:Schedules:ScoreShards must be between 1 and 256.");
        }

        if (options.Events.BatchSize < 1 || options.Events.MaxBodyBytes < 1024 || options.Events.PerOrgRequestsPerSecond < 1)
        {
            failures.Add($"{ServeOptions.Section}:Events: BatchSize, PerOrgRequestsPerSecond must be positive and MaxBodyBytes at least 1024.");
        }

        if (options.Events.CoalescingWindow < TimeSpan.Zero || options.Events.CoalescingWindow >= options.Events.Lease)
        {
            failures.Add($"{ServeOptions.Section}:Events:CoalescingWindow must be zero or positive and shorter than Events:Lease.");
        }

        if (options.Dashboard.Username is { Length: > 0 } != options.Dashboard.Password is { Length: > 0 })
        {
            failures.Add($"{ServeOptions.Section}:Dashboard: set both Username and Password, or neither.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Connections.Count; i++)
        {
            var connection = options.Connections[i];
            var at = $"{ServeOptions.Section}:Connections:{i}";
            if (string.IsNullOrWhiteSpace(connection.Name) || !names.Add(connection.Name))
            {
                failures.Add($"{at}:Name is empty or used twice.");
            }

            if (!connection.IsDataverse && !string.Equals(connection.Crm, "salesforce", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{at}:Crm must be 'dataverse' or 'salesforce'.");
            }

            try
            {
                OrgId.Parse(connection.OrganizationId);
            }
            catch (ArgumentException)
            {
                failures.Add($"{at}:OrganizationId is missing or not an organisation id.");
            }

            if (string.IsNullOrEmpty(connection.WebhookKey) || connection.WebhookKey.Length < 16)
            {
                failures.Add($"{at}:WebhookKey must be set (at least 16 characters).");
            }

            if (connection.IsDataverse)
            {
                if (connection.Dataverse is null)
                {
                    failures.Add($"{at}:Dataverse is missing.");
                }
                else
                {
                    failures.AddRange(connection.Dataverse.Validate().Select(f => $"{at}:Dataverse: {f}"));
                }
            }
            else if (connection.Salesforce is not null)
            {
                failures.AddRange(connection.Salesforce.Validate().Select(f => $"{at}:Salesforce: {f}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
