using System.Text;
using CrmExtensions.Reports.Data;
using CrmExtensions.Reports.Html;
using CrmExtensions.Scoring.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Reports.Endpoints;

/// <summary>Mounts the report pages on a host: <c>GET /</c> (overview), <c>/models</c>, <c>/segments</c>.</summary>
public static class ReportEndpoints
{
    // The pages need no script and load nothing: the policy says so, so an injected script could not run either.
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Maps the pages. They read the store through a <see cref="ReportSources"/> service, or through the
    /// <see cref="IJobRunStore"/>, <see cref="IModelRegistry"/>, <see cref="IRecordStore"/> (and, if registered,
    /// <see cref="IDriftStore"/>) services when there is none.
    /// Requests from other machines get 403 unless <paramref name="options"/> (or the registered
    /// <see cref="ReportOptions"/>) allow them.
    /// </summary>
    public static RouteGroupBuilder MapCrmxReports(this IEndpointRouteBuilder endpoints, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var settings = options ?? endpoints.ServiceProvider.GetService<IOptions<ReportOptions>>()?.Value ?? new ReportOptions();
        var group = endpoints.MapGroup(string.Empty);
        group.AddEndpointFilterFactory((_, next) => LoopbackOnly.Filter(settings, next));
        group.MapGet("/", (HttpContext context, CancellationToken ct) => RenderAsync(context, settings, ReportPage.Overview, ct)).ExcludeFromDescription();
        group.MapGet("/models", (HttpContext context, CancellationToken ct) => RenderAsync(context, settings, ReportPage.Models, ct)).ExcludeFromDescription();
        group.MapGet("/segments", (HttpContext context, CancellationToken ct) => RenderAsync(context, settings, ReportPage.Segments, ct)).ExcludeFromDescription();
        return group;
    }

    /// <summary>Registers <see cref="ReportOptions"/> bound from the <c>Reports</c> configuration section when the host binds it.</summary>
    public static IServiceCollection AddCrmxReports(this IServiceCollection services, Action<ReportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<ReportOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return services;
    }

    private static async Task<IResult> RenderAsync(HttpContext context, ReportOptions options, ReportPage page, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var sources = services.GetService<ReportSources>() ?? new ReportSources(
            services.GetRequiredService<IJobRunStore>(), services.GetRequiredService<IModelRegistry>(), services.GetRequiredService<IRecordStore>(),
            services.GetService<IDriftStore>());
        var data = await new ReportReader(sources, services.GetService<TimeProvider>() ?? TimeProvider.System, options.RunsToRead).ReadAsync(countRecords: page == ReportPage.Overview, cancellationToken);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        return Results.Text(ReportHtml.Page(data, page), "text/html; charset=utf-8", Encoding.UTF8);
    }
}
