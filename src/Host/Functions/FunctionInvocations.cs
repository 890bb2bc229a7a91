using System.Text.Json;
using CrmExtensions.Host.Connections;
using CrmExtensions.Host.Endpoints;
using CrmExtensions.Host.Jobs;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Host.Functions;

/// <summary>
/// Runs one Azure Functions invocation posted to <c>/{function}</c>. Timers: <c>sync</c> (sync and score every
/// connection), <c>writeback</c> (drain the event inbox, then write back), <c>retrain</c>, <c>case-train</c> and
/// <c>case-score</c> (the case models of connections that have them). HTTP functions that the host
/// does not forward as raw requests: <c>dataverse-webhook</c>, <c>salesforce-webhook</c>, <c>health</c>.
/// </summary>
public sealed partial class FunctionInvocations(
    PipelineJobs jobs, CaseJobs cases, ConnectionCatalog connections, WebhookIntake intake, HealthCheck health, ILogger<FunctionInvocations> logger)
{
    public static IReadOnlyList<string> Names { get; } = ["sync", "writeback", "retrain", "case-train", "case-score", "dataverse-webhook", "salesforce-webhook", "health"];

    public async Task<InvocationResponse> InvokeAsync(string function, JsonElement payload, CancellationToken cancellationToken)
    {
        var logs = new List<string>();
        switch (function)
        {
            case "sync":
            case "retrain":
            case "writeback":
            case "case-train":
            case "case-score":
                foreach (var connection in connections.All.Where(c => c.Connector is not null && (!function.StartsWith("case-", StringComparison.Ordinal) || c.CaseSpecs.Count > 0)))
                {
                    try
                    {
                        await RunTimerAsync(function, connection.Name, logs, cancellationToken);
                    }
                    catch (Exception failure) when (failure is not OperationCanceledException)
                    {
                        // One failing connection does not starve the others; the next tick retries (syncs resume from their cursor).
                        logs.Add($"{function} of connection {connection.Name} failed: {failure.Message}");
                        LogTimerFailed(failure, function, connection.Name);
                    }
                }

                return new InvocationResponse(new Dictionary<string, object?>(), logs, new { function, connections = connections.All.Count, failures = logs.Count(l => l.Contains("failed", StringComparison.Ordinal)) });

            case "dataverse-webhook":
            case "salesforce-webhook":
                var request = InvocationRequest.HttpRequest(payload)
                    ?? throw new InvalidOperationException("The invocation has no Data.req HTTP request.");
                var response = function == "dataverse-webhook"
                    ? await intake.DataverseAsync(request, cancellationToken)
                    : await intake.SalesforceAsync(request, cancellationToken);
                logs.Add($"{function}: {response.StatusCode}");
                return new InvocationResponse(new Dictionary<string, object?> { ["res"] = InvocationRequest.HttpOutput(response) }, logs, null);

            case "health":
                var (status, report) = await health.CheckAsync(cancellationToken);
                var body = JsonSerializer.Serialize(report, JsonSerializerOptions.Web);
                return new InvocationResponse(new Dictionary<string, object?> { ["res"] = InvocationRequest.HttpOutput(IntakeResponse.Json(status, body)) }, logs, null);

            default:
                throw new InvalidOperationException($"No function named '{function}'.");
        }
    }

    private async Task RunTimerAsync(string function, string connection, List<string> logs, CancellationToken cancellationToken)
    {
        switch (function)
        {
            case "sync":
                await jobs.RefreshAsync(connection, null, cancellationToken);
                logs.Add($"sync, score and write-back of connection {connection} done");
                break;
            case "retrain":
                await jobs.RetrainAsync(connection, null, cancellationToken);
                logs.Add($"retrain of connection {connection} done");
                break;
            case "case-train":
                await cases.TrainAsync(connection, null, cancellationToken);
                logs.Add($"case model training of connection {connection} done");
                break;
            case "case-score":
                await cases.ScoreAsync(connection, null, cancellationToken);
                logs.Add($"case scoring and write-back of connection {connection} done");
                break;
            default:
                var events = await jobs.ProcessEventsAsync(cancellationToken);
                var served = connections.Get(connection);
                foreach (var table in served.OutputTables)
                {
                    await jobs.WriteBackAsync(connection, table, null, cancellationToken);
                }

                logs.Add($"write-back of connection {connection} done; {events.Claimed} events processed");
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Functions timer {Function} failed for connection {Connection}")]
    private partial void LogTimerFailed(Exception failure, string function, string connection);
}
