using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmExtensions.Jobs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using Microsoft.Extensions.Configuration;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx forget</c> (erase one person's data) and <c>crmx retention</c> (purge what the policy no longer keeps).</summary>
internal static class PrivacyCommands
{
    public static Command Forget(TextWriter output)
    {
        var org = new Option<string>("--org") { Description = "The organisation id.", Required = true };
        var entity = new Option<string>("--entity") { Description = "The table, e.g. contact or lead.", Required = true };
        var ids = new Option<string[]>("--id") { Description = "Record id; repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        var command = new Command("forget",
            "Erase records from the store — values, outputs and output history — and keep them out of later syncs and training. " +
            "Erasing them in the CRM itself is the admin's step.") { org, entity, ids };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var orgId = ParseOrg(parse.GetRequiredValue(org));
            var table = parse.GetRequiredValue(entity);
            await using var store = await CrmStore.OpenAsync(CliSettings.Load(parse).Store, cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var reports = new List<object>();
            foreach (var id in parse.GetRequiredValue(ids))
            {
                ForgetReport report;
                try
                {
                    report = await store.Privacy.ForgetAsync(orgId, table, id, now, cancellationToken);
                }
                catch (RecordValidationException bad)
                {
                    throw new UsageException(bad.Message);
                }

                reports.Add(new { entity = table, id, records = report.Records, outputs = report.Outputs, outputHistory = report.OutputHistory });
                if (!parse.GetValue(GlobalOptions.Json))
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{table} {id}: removed {report.Records} record, {report.Outputs} outputs, {report.OutputHistory} output history rows; later syncs and training skip it."));
                }
            }

            if (parse.GetValue(GlobalOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(reports));
            }

            return CliApp.Ok;
        });
        return command;
    }

    public static Command Retention(TextWriter output)
    {
        var org = new Option<string>("--org") { Description = "The organisation the run is recorded under (the purge covers every org).", Required = true };
        var command = new Command("retention",
            "Purge what Crmx:Retention no longer keeps: deleted records' values, old output history, job runs, drift and retired models.") { org };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var orgId = ParseOrg(parse.GetRequiredValue(org));
            var settings = CliSettings.Load(parse);
            var policy = settings.Configuration.GetSection("Crmx:Retention").Get<RetentionPolicy>() ?? new RetentionPolicy();
            try
            {
                policy.Validate();
            }
            catch (ArgumentException bad)
            {
                throw new UsageException(bad.Message);
            }

            await using var store = await CrmStore.OpenAsync(settings.Store, cancellationToken);
            using var alerts = CliAlerts.Open(settings, store);
            var report = await new RetentionJob(store.Privacy, CliAlerts.JobRuns(store, alerts), TimeProvider.System, policy).RunAsync(orgId, cancellationToken);
            await output.WriteLineAsync(parse.GetValue(GlobalOptions.Json)
                ? JsonSerializer.Serialize(report)
                : string.Create(CultureInfo.InvariantCulture,
                    $"Cleared values of {report.TombstoneValues} deleted records; deleted {report.OutputHistory} output history rows, {report.JobRuns} job runs, {report.Drift} drift measurements, {report.RetiredModels} retired model versions."));
            return CliApp.Ok;
        });
        return command;
    }

    private static OrgId ParseOrg(string value)
    {
        try
        {
            return OrgId.Parse(value);
        }
        catch (ArgumentException)
        {
            throw new UsageException("--org is not a valid organisation id.");
        }
    }
}
