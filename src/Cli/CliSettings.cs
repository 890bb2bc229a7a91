using System.CommandLine;
using CrmExtensions.Connectors.Common.Configuration;
using CrmExtensions.Store;
using Microsoft.Extensions.Configuration;

namespace CrmExtensions.Cli;

/// <summary>Configuration for one invocation: the file, <c>CRMX_</c> environment variables, then command-line options.</summary>
internal sealed class CliSettings
{
    private CliSettings(IConfiguration configuration, StoreOptions store, CrmxOptions crmx)
    {
        Configuration = configuration;
        Store = store;
        Crmx = crmx;
    }

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
