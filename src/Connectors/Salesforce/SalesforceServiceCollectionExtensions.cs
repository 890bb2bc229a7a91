using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Connectors.Salesforce;

/// <summary>Registers the Salesforce connector for a host.</summary>
public static class SalesforceServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SalesforceOptions"/> from <c>Crmx:Salesforce</c> (secrets from the environment, e.g.
    /// <c>Crmx__Salesforce__ClientSecret</c>), validates them at start and registers one <see cref="SalesforceConnector"/>.
    /// </summary>
    public static IServiceCollection AddSalesforceConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SalesforceOptions>().Bind(configuration.GetSection(SalesforceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SalesforceOptions>, SalesforceOptionsValidator>();
        services.AddSingleton(sp => SalesforceConnector.Create(sp.GetRequiredService<IOptions<SalesforceOptions>>().Value, null, sp.GetService<TimeProvider>()));
        return services;
    }
}
