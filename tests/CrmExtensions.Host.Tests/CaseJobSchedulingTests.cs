using System.Text.Json;
using CrmExtensions.Host.Jobs;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmExtensions.Host.Tests;

/// <summary>
/// The case jobs as the host schedules them: recurring jobs registered from configuration for the connections that
/// have case models, and a case-train then case-score run — triggered through Hangfire as the schedule would —
/// writing categories back into the sandbox's incidents, never over a person's subject.
/// </summary>
public sealed class CaseJobSchedulingTests
{
    private static Dictionary<string, string?> Connection(int i, string name, string organizationId, Uri url, SandboxCredentials? credentials, params string[] tables)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Crmx:Host:Connections:{i}:Name"] = name,
            [$"Crmx:Host:Connections:{i}:Crm"] = "dataverse",
            [$"Crmx:Host:Connections:{i}:OrganizationId"] = organizationId,
            [$"Crmx:Host:Connections:{i}:WebhookKey"] = "case-tests-webhook-key-0123",
            [$"Crmx:Host:Connections:{i}:Dataverse:EnvironmentUrl"] = url.ToString(),
            [$"Crmx:Host:Connections:{i}:Dataverse:Authority"] = credentials?.Authority.ToString() ?? "https://login.example.test/tenant",
            [$"Crmx:Host:Connections:{i}:Dataverse:ClientId"] = credentials?.ClientId ?? "client",
            [$"Crmx:Host:Connections:{i}:Dataverse:ClientSecret"] = credentials?.ClientSecret ?? "not-a-secret-of-anyone",
        };
        for (var t = 0; t < tables.Length; t++)
        {
            settings[$"Crmx:Host:Connections:{i}:Dataverse:Tables:{t}"] = tables[t];
        }

        return settings;
    }

    private static async Task<WebApplication> StartHostAsync(string data, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Crmx:Store:DataFolder"] = data,
            ["Crmx:Host:Urls"] = "http://127.0.0.1:0",
            ["Crmx:Host:Schedules:Refresh"] = string.Empty,
            ["Crmx:Host:Schedules:Retrain"] = string.Empty,
            ["Crmx:Host:Events:Worker"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var app = await CrmxHost.BuildAsync(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
        await app.StartAsync();
        return app;
    }

    private static async Task StopAsync(WebApplication app, string data)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A left-over temp folder is harmless.
        }
    }

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "crmx-case-host-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task RecurringJobs_FromConfiguration_OnlyForConnectionsWithCaseModels()
    {
        var data = TempFolder();
        var settings = Connection(0, "support", Guid.NewGuid().ToString(), new Uri("https://support.crm.example.test/"), null, "subject", "incident")
            .Concat(Connection(1, "sales", Guid.NewGuid().ToString(), new Uri("https://sales.crm.example.test/"), null, "lead"))
            .Append(new("Crmx:Host:Schedules:CaseTrain", "0 5 * * 1"))
            .Append(new("Crmx:Host:Schedules:CaseScore", "*/10 * * * *"));
        var app = await StartHostAsync(data, settings);
        try
        {
            using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
            var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, StringComparer.Ordinal);

            jobs.Keys.Where(k => k.StartsWith("case-", StringComparison.Ordinal)).ShouldBe(["case-train:support", "case-score:support"], ignoreOrder: true);
            jobs["case-train:support"].Cron.ShouldBe("0 5 * * 1");
            jobs["case-score:support"].Cron.ShouldBe("*/10 * * * *");
            jobs["case-train:support"].Job.Type.ShouldBe(typeof(CaseJobs));
            jobs["case-train:support"].Job.Method.Name.ShouldBe(nameof(CaseJobs.TrainAsync));
            jobs["case-score:support"].Job.Method.Name.ShouldBe(nameof(CaseJobs.ScoreAsync));
            jobs["case-score:support"].Job.Args[0].ShouldBe("support");
        }
        finally
        {
            await StopAsync(app, data);
        }
    }

    [Fact]
    public async Task RecurringJobs_EmptyCaseScoreCron_RegistersOnlyTraining()
    {
        var data = TempFolder();
        // Its own connection name: Hangfire's in-memory storage may outlive a host within the test process.
        var settings = Connection(0, "helpdesk", Guid.NewGuid().ToString(), new Uri("https://helpdesk.crm.example.test/"), null, "incident")
            .Append(new("Crmx:Host:Schedules:CaseScore", string.Empty));
        var app = await StartHostAsync(data, settings);
        try
        {
            using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
            // Refresh and Retrain are empty too (StartHostAsync): none of the three is scheduled.
            connection.GetRecurringJobs().Select(j => j.Id).Where(k => k.EndsWith(":helpdesk", StringComparison.Ordinal)).ShouldBe(["case-train:helpdesk"]);
        }
        finally
        {
            await StopAsync(app, data);
        }
    }

    [Fact]
    public async Task CaseScoreRun_TriggeredThroughHangfire_WritesCategoriesBackToUncategorisedOpenCases()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 3_000, Seed = 11 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        await SandboxSetup.InstallColumnsAsync(client, DefaultModels.CaseCategory, "incident");

        // An agent has not categorised a few open cases yet: their subject is removed; an agent typed a category into one.
        var open = (await AllAsync(client, "incidents?$select=incidentid&$filter=statecode eq 0")).Select(i => i.GetProperty("incidentid").GetString()!).Order(StringComparer.Ordinal).ToList();
        open.Count.ShouldBeGreaterThan(20);
        var uncategorised = open.Take(20).ToList();
        foreach (var id in uncategorised)
        {
            (await client.SendAsync(HttpMethod.Patch, $"incidents({id})", "{\"subjectid@odata.bind\":null}")).EnsureSuccessStatusCode();
        }

        var agentTyped = uncategorised[0];
        (await client.SendAsync(HttpMethod.Patch, $"incidents({agentTyped})", "{\"crmx_category\":\"Typed by an agent\"}")).EnsureSuccessStatusCode();

        var data = TempFolder();
        var settings = Connection(0, "support", client.Org.OrganizationId.ToString(), client.Org.Url, sandbox.Credentials, "subject", "incident")
            .Append(new("Crmx:Host:Connections:0:Models:0", DefaultModels.CaseCategory))
            .Append(new("Crmx:Host:Connections:0:Cases:AgentField", "subjectid"))
            .Append(new("Crmx:Host:Connections:0:Cases:AgentLookupNameField", "title"));
        var app = await StartHostAsync(data, settings);
        try
        {
            // The refresh chain syncs (its schedule is off here); then the recurring case jobs run as Hangfire would run them.
            using (var scope = app.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<PipelineJobs>().RefreshAsync("support", null, CancellationToken.None);
            }

            await TriggerAndWaitAsync(app, "case-train:support");
            await TriggerAndWaitAsync(app, "case-score:support");

            var after = (await AllAsync(client, "incidents?$select=incidentid,crmx_category,crmx_categorytier,_subjectid_value"))
                .ToDictionary(i => i.GetProperty("incidentid").GetString()!, StringComparer.OrdinalIgnoreCase);
            foreach (var id in uncategorised.Skip(1))
            {
                Kind(after[id], "crmx_categorytier").ShouldBe(JsonValueKind.Number, $"case {id} was scored and written back");
            }

            uncategorised.Skip(1).Count(id => Kind(after[id], "crmx_category") == JsonValueKind.String).ShouldBeGreaterThan(10);
            after[agentTyped].GetProperty("crmx_category").GetString().ShouldBe("Typed by an agent");
            Kind(after[agentTyped], "crmx_categorytier").ShouldNotBe(JsonValueKind.Number, "an agent's case is not scored");
            // Cases a person categorised (they have a subject) are never given our category.
            after.Values.Where(i => Kind(i, "_subjectid_value") == JsonValueKind.String)
                .ShouldAllBe(i => Kind(i, "crmx_category") != JsonValueKind.String);
        }
        finally
        {
            await StopAsync(app, data);
        }
    }

    // Triggers a recurring job now and waits until Hangfire has run it to success.
    private static async Task TriggerAndWaitAsync(WebApplication app, string recurringJob)
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        var jobId = app.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(recurringJob);
        jobId.ShouldNotBeNull($"recurring job {recurringJob} is registered");
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            var state = storage.GetMonitoringApi().JobDetails(jobId).History.FirstOrDefault()?.StateName;
            if (state == "Succeeded")
            {
                return;
            }

            // A failed attempt is either Failed or (with retries left) Scheduled again, its reason naming the exception.
            var latest = storage.GetMonitoringApi().JobDetails(jobId).History.FirstOrDefault();
            state.ShouldNotBeOneOf(["Failed", "Scheduled"], $"{recurringJob}: {latest?.Reason} {(latest?.Data is { } d && d.TryGetValue("ExceptionMessage", out var m) ? m : "")}");
            await Task.Delay(500);
        }

        throw new TimeoutException($"{recurringJob} did not finish in four minutes.");
    }

    private static JsonValueKind Kind(JsonElement row, string field) => row.TryGetProperty(field, out var value) ? value.ValueKind : JsonValueKind.Undefined;

    private static async Task<List<JsonElement>> AllAsync(SandboxClient client, string relative)
    {
        var rows = new List<JsonElement>();
        string? next = relative;
        while (next is not null)
        {
            var page = await client.GetJsonAsync(next);
            rows.AddRange(page.GetProperty("value").EnumerateArray());
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return rows;
    }
}
