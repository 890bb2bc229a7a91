using System.CommandLine;
using System.Reflection;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Cli;

/// <summary>Builds the <c>crmx</c> command tree and runs it, turning failures into exit codes with a one-line reason.</summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    public static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("crmx — CrmExtensions: sync CRM records, train and score models, write results back.")
        {
            GlobalOptions.Data,
            GlobalOptions.Store,
            GlobalOptions.Config,
            GlobalOptions.Secrets,
            GlobalOptions.Json,
        };
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction(output);
        root.Subcommands.Add(Demo.DemoCommand.Create(output, error));
        root.Subcommands.Add(StatusCommand.Create(output));
        root.Subcommands.Add(CheckCommand.Create(output));
        root.Subcommands.Add(DiscoverCommand.Create(output));
        root.Subcommands.Add(SyncCommand.Create(output));
        root.Subcommands.Add(WriteBackCommand.Create(output));
        root.Subcommands.Add(ModelsCommand.Create(output));
        root.Subcommands.Add(PredictCommand.Create(output));
        root.Subcommands.Add(CategoriseCommand.Create(output));
        root.Subcommands.Add(SegmentCommand.Create(output));
        root.Subcommands.Add(RecommendCommand.Create(output));
        root.Subcommands.Add(SandboxCommand.Create(output));
        root.Subcommands.Add(PrivacyCommands.Forget(output));
        root.Subcommands.Add(PrivacyCommands.Retention(output));
        root.Subcommands.Add(Bench.BenchCommand.Create(output));
        root.Subcommands.Add(ServeCommand.Create(output));
        root.Subcommands.Add(ReportCommand.Create(output));
        root.Subcommands.Add(InstallCommands.Install(output));
        root.Subcommands.Add(InstallCommands.Uninstall(output));
        root.Subcommands.Add(PackageCommand.Create(output));

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration);
        }
        catch (UsageException usage)
        {
            await error.WriteLineAsync($"crmx: {usage.Message}");
            return BadUsage;
        }
        catch (Exception bad) when (bad is CsvFormatException or TransactionFileException or FileNotFoundException or DirectoryNotFoundException)
        {
            // Bad input files: the messages name line, column and reason, never a cell value.
            await error.WriteLineAsync($"crmx: {bad.Message}");
            return BadUsage;
        }
        catch (Exception failure) when (failure is InvalidOperationException or OrgMismatchException or RecordValidationException
            or HttpRequestException or IOException or Install.InstallException)
        {
            // Failures of the run itself (CRM unreachable, store refused, org mismatch): one line for the operator.
            // Our messages name records and fields, never values; HTTP messages carry no tokens.
            await error.WriteLineAsync($"crmx: {failure.Message}");
            return Failed;
        }
    }
}
