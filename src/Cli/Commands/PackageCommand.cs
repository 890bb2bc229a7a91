using System.CommandLine;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx package &lt;crm&gt;</c>: files an admin deploys with the CRM's own tools; one subcommand per CRM, each in its own file.</summary>
internal static class PackageCommand
{
    public static Command Create(TextWriter output) =>
        new("package", "Generate what an admin imports or deploys into a CRM (a Dataverse solution zip, a Salesforce SFDX project).")
        {
            PackageDataverseCommand.Create(output),
            PackageSalesforceCommand.Create(output),
        };
}
