using System.Text.Json;
using CrmExtensions.Host.Configuration;
using CrmExtensions.Host.Functions;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Endpoints;

/// <summary>Maps the host's endpoints: webhooks, health, the dashboard, Functions invocations, then every <see cref="IEndpointModule"/>.</summary>
public static class HostEndpoints
{
    public static WebApplication MapCrmx(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<ServeOptions>>().Value;
        app.MapPost("/api/webhooks/dataverse", (HttpContext http, WebhookIntake intake) => Intake(http, options, intake.DataverseAsync));
        app.MapPost("/api/webhooks/salesforce", (HttpContext http, WebhookIntake intake) => Intake(http, options, intake.SalesforceAsync));
        app.MapGet("/health", Health);
        app.MapGet("/api/health", Health);

        foreach (var function in FunctionInvocations.Names)
        {
            app.MapPost($"/{function}", async (HttpContext http, FunctionInvocations invocations) =>
            {
                using var payload = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                return Results.Json(await invocations.InvokeAsync(function, payload.RootElement, http.RequestAborted));
            });
        }

        if (options.Dashboard.Enabled)
        {
            app.UseHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [new DashboardAccess(options.Dashboard)],
                DisplayStorageConnectionString = false,
                AppPath = null,
            });
        }

        foreach (var module in app.Services.GetServices<IEndpointModule>())
        {
            module.Map(app);
        }

        return app;
    }

    /// <summary>Registers extra endpoints (e.g. report pages) to be mounted by <see cref="MapCrmx"/>.</summary>
    public static IServiceCollection AddEndpointModule<T>(this IServiceCollection services)
        where T : class, IEndpointModule =>
        services.AddSingleton<IEndpointModule, T>();

    private static async Task<IResult> Health(HealthCheck health, CancellationToken cancellationToken)
    {
        var (status, report) = await health.CheckAsync(cancellationToken);
        return Results.Json(report, statusCode: status);
    }

    private static async Task<IResult> Intake(HttpContext http, ServeOptions options, Func<IntakeRequest, CancellationToken, Task<IntakeResponse>> handle)
    {
        var limit = options.Events.MaxBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1L;
        }

        if (http.Request.ContentLength > limit)
        {
            return Results.Json(new { error = $"body larger than {limit} bytes" }, statusCode: 413);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return Results.Json(new { error = $"body larger than {limit} bytes" }, statusCode: 413);
            }
        }

        var request = new IntakeRequest(buffer.ToArray(), name => http.Request.Headers[name].FirstOrDefault(), name => http.Request.Query[name].FirstOrDefault());
        var response = await handle(request, http.RequestAborted);
        return Results.Content(response.Body, response.ContentType, statusCode: response.StatusCode);
    }
}
