using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse;
using CrmExtensions.Sandbox.Dataverse.Http;
using Microsoft.AspNetCore.Http;

namespace CrmExtensions.Sandbox.Hosting;

internal sealed partial class SandboxHost
{
    private async Task AdminAsync(HttpContext http, string command)
    {
        var method = http.Request.Method;
        switch (command)
        {
            case "faults" when HttpMethods.IsGet(method):
                await JsonAsync(http, 200, JsonSerializer.SerializeToUtf8Bytes(_faults.Settings, AdminJson)).ConfigureAwait(false);
                break;
            case "faults" when HttpMethods.IsPut(method) || HttpMethods.IsPost(method):
                FaultSettings? settings;
                try
                {
                    settings = await JsonSerializer.DeserializeAsync<FaultSettings>(http.Request.Body, AdminJson, http.RequestAborted).ConfigureAwait(false);
                }
                catch (JsonException e)
                {
                    await WriteAsync(http, DataverseResponse.Error(400, string.Empty, "Invalid fault settings: " + e.Message)).ConfigureAwait(false);
                    return;
                }

                _faults.Settings = settings ?? new FaultSettings();
                await JsonAsync(http, 200, JsonSerializer.SerializeToUtf8Bytes(_faults.Settings, AdminJson)).ConfigureAwait(false);
                break;
            case "stats" when HttpMethods.IsGet(method):
                await JsonAsync(http, 200, _stats.ToJson()).ConfigureAwait(false);
                break;
            case "simulate" when HttpMethods.IsPost(method):
                await SimulateAsync(http).ConfigureAwait(false);
                break;
            default:
                await WriteAsync(http, DataverseResponse.Error(404, string.Empty, $"Unknown sandbox command '{command}'.")).ConfigureAwait(false);
                break;
        }
    }

    /// <summary><c>POST /_sandbox/simulate?org=org1&amp;count=100</c>: N realistic user creates/updates/deletes.</summary>
    private async Task SimulateAsync(HttpContext http)
    {
        var orgKey = http.Request.Query["org"].ToString();
        var org = orgKey.Length == 0 ? _orgs.Values.First() : _orgs.GetValueOrDefault(orgKey);
        if (org is null || !int.TryParse(http.Request.Query["count"].ToString(), System.Globalization.CultureInfo.InvariantCulture, out var count) || count is < 1 or > 1_000_000)
        {
            await WriteAsync(http, DataverseResponse.Error(400, string.Empty, "Use POST /_sandbox/simulate?org=<key>&count=<1..1000000>.")).ConfigureAwait(false);
            return;
        }

        var result = Simulate(org.Identity.Key, count);
        await JsonAsync(http, 200, JsonSerializer.SerializeToUtf8Bytes(result, AdminJson)).ConfigureAwait(false);
    }

    /// <summary>Applies N realistic user changes to an org (seeded per call, so a run of calls replays).</summary>
    public SimulationResult Simulate(string orgKey, int count)
    {
        var org = _orgs.GetValueOrDefault(orgKey) ?? throw new ArgumentException($"No org '{orgKey}'.", nameof(orgKey));
        var run = Interlocked.Increment(ref _simulations);
        SimulationResult result;
        lock (org.Gate)
        {
            result = new ChangeSimulator(org, (_options.Seed * 7919) + run, _outcomes).Apply(count, publish: true);
        }

        _stats.Records(org.Identity.Key, 0, result.Created + result.Updated + result.Deleted);
        return result;
    }

    private static async Task JsonAsync(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }
}
