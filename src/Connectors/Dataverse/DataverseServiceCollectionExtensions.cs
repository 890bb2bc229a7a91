using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Connectors.Dataverse;

/// <summary>Registers the Dataverse connector for a host.</summary>
public static class DataverseServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="DataverseOptions"/> from <c>Crmx:Dataverse</c> (the secret from the environment, e.g.
    /// <c>Crmx__Dataverse__ClientSecret</c>), validates them at start and registers one <see cref="DataverseConnector"/>.
    /// </summary>
    public static IServiceCollection AddDataverseConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DataverseOptions>().Bind(configuration.GetSection(DataverseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataverseOptions>, DataverseOptionsValidator>();
        services.AddSingleton(sp => DataverseConnector.Create(sp.GetRequiredService<IOptions<DataverseOptions>>().Value, null, sp.GetService<TimeProvider>()));
        return services;
    }
}
