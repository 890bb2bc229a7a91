using System.CommandLine;
using System.CommandLine.Invocation;

namespace CrmExtensions.Cli;

/// <summary>Prints crmx's own version: the default prints the entry assembly's, which is the test host under tests.</summary>
internal sealed class VersionAction(TextWriter output) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine(CliApp.Version);
        return CliApp.Ok;
    }
}
