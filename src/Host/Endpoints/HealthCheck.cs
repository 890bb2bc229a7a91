using CrmExtensions.Host.Configuration;
using CrmExtensions.Host.Connections;
using CrmExtensions.Store;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Endpoints;

/// <summary>Answers whether the store is reachable and how many events wait.</summary>
public sealed class HealthCheck(CrmStore store, ConnectionCatalog connections, IOptions<ServeOptions> options)
{
    public async Task<(int Status, HealthReport Report)> CheckAsync(CancellationToken cancellationToken)
    {
        var scheduler = options.Value.UnderFunctions ? "functions" : "hangfire";
        var names = connections.All.Select(c => c.Name).ToList();
        try
        {
            var pending = await store.Events.CountPendingAsync(cancellationToken);
            return (200, new HealthReport("ok", scheduler, store.SchemaVersion, pending, names, null));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return (503, new HealthReport("unhealthy", scheduler, store.SchemaVersion, -1, names, $"the store is not reachable ({failure.GetType().Name})"));
        }
    }
}
