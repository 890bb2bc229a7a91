using System.CommandLine;

namespace CrmExtensions.Cli.Commands;

/// <summary>Options shared by the CSV verbs.</summary>
internal static class CsvOptions
{
    public static Option<string> Separator() => new("--separator")
    {
        Description = "Field separator: one character, or 'tab'.",
        DefaultValueFactory = _ => ",",
    };

    public static char ParseSeparator(string value) => value switch
    {
        "tab" or "\\t" => '\t',
        { Length: 1 } => value[0],
        _ => throw new UsageException("--separator must be one character (or 'tab')."),
    };

    public static Option<FileInfo> Out(string what) => new("--out") { Description = what, Required = true };
}
