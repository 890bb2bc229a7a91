using System.CommandLine;
using CrmExtensions.Connectors.Common.Configuration;
using CrmExtensions.Store;
using Microsoft.Extensions.Configuration;

namespace CrmExtensions.Cli;

/// <summary>
/// Configuration for one invocation: the file, the secrets folder (<c>--secrets</c> or <c>CRMX_SECRETS_DIR</c>),
/// <c>CRMX_</c> environment variables, then command-line options — each overriding the ones before.
/// </summary>
internal sealed class CliSettings
{
    private CliSettings(IConfiguration configuration, StoreOptions store, CrmxOptions crmx)
    {
        Configuration = configuration;
        Store = store;
        Crmx = crmx;
    }

    /// <summary>The environment variable naming a secrets folder: one file per setting, the file name the key with <c>__</c> for <c>:</c>.</summary>
    public const string SecretsFolderVariable = "CRMX_SECRETS_DIR";

    public IConfiguration Configuration { get; }

    public StoreOptions Store { get; }

    public CrmxOptions Crmx { get; }

    public static CliSettings Load(ParseResult parse)
    {
        var builder = new ConfigurationBuilder();
        var file = parse.GetValue(GlobalOptions.Config);
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new UsageException($"--config: file {file.FullName} does not exist.");
            }

            builder.AddJsonFile(file.FullName, optional: false);
        }

        // A secrets folder (Docker/Kubernetes secrets): one file per setting, named Crmx__Dataverse__ClientSecret etc.
        // Its values override the file's; the environment overrides both.
        var secrets = parse.GetValue(GlobalOptions.Secrets)?.FullName ?? Environment.GetEnvironmentVariable(SecretsFolderVariable);
        if (secrets is { Length: > 0 })
        {
            if (!Directory.Exists(secrets))
            {
                throw new UsageException($"--secrets / {SecretsFolderVariable}: folder {secrets} does not exist.");
            }

            builder.AddKeyPerFile(Path.GetFullPath(secrets), optional: false);
        }

        // CRMX_Crmx__Store__ConnectionString=… sets Crmx:Store:ConnectionString (secrets stay out of files).
        builder.AddEnvironmentVariables("CRMX_");
        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (InvalidDataException error)
        {
            throw new UsageException($"--config: {error.Message}");
        }

        var store = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        if (parse.GetValue(GlobalOptions.Data) is { Length: > 0 } data)
        {
            store.DataFolder = data;
        }

        if (parse.GetValue(GlobalOptions.Store) is { Length: > 0 } connectionString)
        {
            store.ConnectionString = connectionString;
        }

        var crmx = new CrmxOptions();
        configuration.GetSection(CrmxOptions.Section).Bind(crmx);
        var validation = new CrmxOptionsValidator().Validate(null, crmx);
        if (validation.Failed)
        {
            throw new UsageException(string.Join(" ", validation.Failures));
        }

        return new CliSettings(configuration, store, crmx);
    }
}
