using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Registry;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using Spectre.Console;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx models</c>: the registry of one org — list versions, promote one, roll back the champion.</summary>
internal static class ModelsCommand
{
    public static Command Create(TextWriter output)
    {
        var org = new Option<string>("--org") { Description = "The organisation id.", Required = true, Recursive = true };
        var name = new Option<string?>("--name") { Description = "One model (spec) name, e.g. lead-conversion." };
        var command = new Command("models", "List the registered model versions of an org, with champion/challenger status and why.") { org, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var orgId = ParseOrg(parse.GetRequiredValue(org));
            await using var store = await CrmStore.OpenAsync(CliSettings.Load(parse).Store, cancellationToken);
            var models = await store.Models.ListAsync(orgId, parse.GetValue(name), cancellationToken);
            var drift = new Dictionary<(string, int), DriftMeasurement>();
            foreach (var model in models.Select(m => m.Name).Distinct(StringComparer.Ordinal))
            {
                if (await store.Drift.ListAsync(orgId, model, 1, cancellationToken) is [var last, ..])
                {
                    drift[(model, last.Version)] = last;
                }
            }

            string DriftOf(RegisteredModel m) =>
                drift.TryGetValue((m.Name, m.Version), out var d) ? DriftSummary.Describe(d.Features) : string.Empty;

            if (parse.GetValue(GlobalOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(models.Select(m => new
                {
                    name = m.Name, version = m.Version, kind = m.Kind.ToString().ToLowerInvariant(), status = m.Status.ToString().ToLowerInvariant(),
                    reason = m.StatusReason, trainedAt = m.TrainedAt, rows = m.Rows, metrics = m.Metrics.Values,
                    drift = drift.TryGetValue((m.Name, m.Version), out var d)
                        ? new { measuredAt = d.MeasuredAt, rows = d.Rows, summary = DriftSummary.Describe(d.Features), features = d.Features }
                        : null,
                })));
                return CliApp.Ok;
            }

            var table = new Table().AddColumns("Model", "Version", "Status", "Trained", "Rows", "Hold-out", "Why", "Drift (last scoring run)");
            foreach (var model in models)
            {
                table.AddRow(
                    Markup.Escape(model.Name),
                    model.Version.ToString(CultureInfo.InvariantCulture),
                    model.Status.ToString(),
                    model.TrainedAt.ToString("u", CultureInfo.InvariantCulture),
                    model.Rows.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", model.Metrics.Values.Take(3).Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key} {v.Value:0.###}")))),
                    Markup.Escape(model.StatusReason ?? string.Empty),
                    Markup.Escape(DriftOf(model)));
            }

            var console = StatusCommand.Console(output);
            if (models.Count == 0)
            {
                console.MarkupLineInterpolated($"No models registered for org {orgId.Value}.");
            }
            else
            {
                console.Write(table);
            }

            return CliApp.Ok;
        });
        command.Subcommands.Add(Promote(output, org));
        command.Subcommands.Add(Rollback(output, org));
        return command;
    }

    private static Command Promote(TextWriter output, Option<string> org)
    {
        var name = new Option<string>("--name") { Description = "The model name.", Required = true };
        var version = new Option<int>("--version") { Description = "The version to make champion.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, for the registry's record.", DefaultValueFactory = _ => "promoted by an admin" };
        var command = new Command("promote", "Make a version the champion (the current champion is retired).") { name, version, reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var orgId = ParseOrg(parse.GetRequiredValue(org));
            await using var store = await CrmStore.OpenAsync(CliSettings.Load(parse).Store, cancellationToken);
            await store.Models.PromoteAsync(orgId, parse.GetRequiredValue(name), parse.GetValue(version), parse.GetValue(reason)!, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{parse.GetRequiredValue(name)} v{parse.GetValue(version)} is now the champion."));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Rollback(TextWriter output, Option<string> org)
    {
        var name = new Option<string>("--name") { Description = "The model name.", Required = true };
        var command = new Command("rollback", "Make the previous champion the champion again.") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var orgId = ParseOrg(parse.GetRequiredValue(org));
            await using var store = await CrmStore.OpenAsync(CliSettings.Load(parse).Store, cancellationToken);
            var restored = await ChampionSelector.RollbackAsync(store.Models, orgId, parse.GetRequiredValue(name), cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{restored.Name} v{restored.Version} is the champion again."));
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
