using Microsoft.AspNetCore.Routing;

namespace CrmExtensions.Host.Endpoints;

/// <summary>
/// A set of extra endpoints mounted into the host (e.g. the model report pages of issue 12). Register one with
/// <c>services.AddEndpointModule&lt;T&gt;()</c> in the <c>configure</c> callback of <see cref="CrmxHost.BuildAsync"/>.
/// </summary>
public interface IEndpointModule
{
    /// <summary>Maps the module's endpoints.</summary>
    void Map(IEndpointRouteBuilder endpoints);
}
