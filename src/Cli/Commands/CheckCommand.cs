using System.CommandLine;
using System.Text.Json;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx check --crm dataverse</c>: credentials, reachability, the org, privileges and change tracking per table.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output)
    {
        var crm = CrmConnection.Crm();
        var command = new Command("check", "Verify credentials, reachability and table access; report problems (changes nothing).") { crm };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliSettings.Load(parse);
            using var connector = CrmConnection.Open(settings, parse.GetRequiredValue(crm));
            var result = await connector.Source.CheckAsync(cancellationToken);
            var warnings = await CredentialWarnings.SendAsync(settings, connector, result.Org?.Value ?? connector.Name, cancellationToken);
            if (parse.GetValue(GlobalOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new { ok = result.Ok, org = result.Org?.Value, problems = result.Problems, notes = result.Notes, warnings }));
            }
            else
            {
                await output.WriteLineAsync(result.Org is { } org ? $"Reached organisation {org.Value}." : "Did not reach the organisation.");
                foreach (var problem in result.Problems)
                {
                    await output.WriteLineAsync($"  problem: {problem}");
                }

                foreach (var note in result.Notes)
                {
                    await output.WriteLineAsync($"  note: {note}");
                }

                foreach (var warning in warnings)
                {
                    await output.WriteLineAsync($"  warning: {warning}");
                }
            }

            return result.Ok ? CliApp.Ok : CliApp.Failed;
        });
        return command;
    }
}
