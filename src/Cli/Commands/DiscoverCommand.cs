using System.CommandLine;
using System.Text.Json;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx discover --crm dataverse</c>: the configured tables with their columns and canonical types.</summary>
internal static class DiscoverCommand
{
    public static Command Create(TextWriter output)
    {
        var crm = CrmConnection.Crm();
        var command = new Command("discover", "List the configured tables, their columns, canonical types and secured columns.") { crm };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var connector = CrmConnection.Open(CliSettings.Load(parse), parse.GetRequiredValue(crm));
            var schemas = await connector.Source.DiscoverAsync(cancellationToken);
            if (parse.GetValue(GlobalOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(schemas.Select(s => new
                {
                    name = s.Name,
                    changeTracking = s.ChangeTracking,
                    fields = s.Fields.Select(f => new { name = f.Name, type = f.Type.ToString().ToLowerInvariant(), secured = f.Secured, target = f.Target }),
                })));
                return CliApp.Ok;
            }

            foreach (var schema in schemas)
            {
                await output.WriteLineAsync($"{schema.Name}: {schema.Fields.Count} columns, change tracking {(schema.ChangeTracking ? "on" : "off")}");
                foreach (var field in schema.Fields)
                {
                    await output.WriteLineAsync($"  {field.Name} {field.Type}{(field.Secured ? " (secured)" : string.Empty)}{(field.Target is null ? string.Empty : " → " + field.Target)}");
                }
            }

            return CliApp.Ok;
        });
        return command;
    }
}
