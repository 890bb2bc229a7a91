using CrmExtensions.Reports.Endpoints;
using Microsoft.AspNetCore.Routing;

namespace CrmExtensions.Host.Endpoints;

/// <summary>Mounts the model report pages of <c>src/Reports</c> (GET /, /models, /segments), loopback-only unless the Reports options allow remote callers.</summary>
internal sealed class ReportPagesModule : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapCrmxReports();
}
