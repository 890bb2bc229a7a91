using System.ComponentModel.DataAnnotations;

namespace CrmExtensions.Store;

/// <summary>Where the store lives. Bound from the <c>Crmx:Store</c> configuration section.</summary>
public sealed class StoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crmx:Store";

    /// <summary>
    /// The data folder for the embedded SQLite store (<c>crmx.db</c>) and other local files. Created owner-only.
    /// Defaults to the user's local application data folder.
    /// </summary>
    [Required]
    public string DataFolder { get; set; } = DefaultDataFolder();

    /// <summary>
    /// A PostgreSQL connection string (<c>Host=…;Database=…;Username=…</c>). When empty, SQLite in the data folder is used.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The default data folder: <c>$CRMX_DATA</c>, else <c>crmx</c> under local application data.</summary>
    public static string DefaultDataFolder() =>
        Environment.GetEnvironmentVariable("CRMX_DATA") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "crmx");
}
