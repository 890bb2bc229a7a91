using System.CommandLine;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx package &lt;crm&gt;</c>: the files admins deploy into their CRM themselves, one subcommand per CRM.</summary>
internal static class PackageCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("package", "Generate the customisations admins deploy themselves (fields, permissions, components, event wiring).");
        command.Subcommands.Add(PackageSalesforceCommand.Create(output));
        return command;
    }
}
