using System.CommandLine;

namespace CrmExtensions.Cli;

/// <summary>Options every verb accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Data folder for the embedded SQLite store and local files (default: $CRMX_DATA or ~/.local/share/crmx).",
        Recursive = true,
    };

    public static readonly Option<string?> Store = new("--store")
    {
        Description = "PostgreSQL connection string; without it the SQLite store in the data folder is used.",
        Recursive = true,
    };

    public static readonly Option<FileInfo?> Config = new("--config")
    {
        Description = "A JSON configuration file (connections, store, models).",
        Recursive = true,
    };

    public static readonly Option<DirectoryInfo?> Secrets = new("--secrets")
    {
        Description = "A secrets folder: one file per setting, named like Crmx__Dataverse__ClientSecret (default: $CRMX_SECRETS_DIR).",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the result as one JSON object.",
        Recursive = true,
    };
}
