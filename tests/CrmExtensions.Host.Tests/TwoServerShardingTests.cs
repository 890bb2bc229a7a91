using CrmExtensions.Host.Jobs;
using CrmExtensions.Jobs;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmExtensions.Host.Tests;

/// <summary>
/// Two hosts (two Hangfire servers) against one PostgreSQL: a sharded score run is split between them with no shard run
/// twice, and a shard whose worker died after scoring but before acknowledging is re-run by the other server after the
/// invisibility timeout without a second effect.
/// </summary>
public sealed class TwoServerShardingTests
{
    [SkippableFact]
    public async Task ShardedScore_OnTwoServers_RunsEveryShardOnce_AndAKilledWorkersShardReRunsWithoutDoubleEffects()
    {
        var database = PostgresTestDatabase.Create();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 300, Seed = 11 });
        using (var client = await SandboxClient.ConnectAsync(sandbox))
        {
            await SandboxSetup.InstallColumnsAsync(client, DefaultModels.LeadConversion, "lead");
        }

        await using var first = await StartHostAsync(sandbox, database, "server-a", ["default"]);
        var store = first.Services.GetRequiredService<CrmStore>();
        var org = CrmExtensions.Scoring.Records.OrgId.Parse(sandbox.Orgs[0].OrganizationId.ToString());
        var spec = DefaultSpecs.For(CrmKind.Dataverse).Single(s => s.Name == DefaultModels.LeadConversion);
        using (var scope = first.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PipelineJobs>().SyncAsync("sales", "lead", null, CancellationToken.None);
            foreach (var table in new[] { "task", "phonecall", "email" })
            {
                await scope.ServiceProvider.GetRequiredService<PipelineJobs>().SyncAsync("sales", table, null, CancellationToken.None);
            }

            await scope.ServiceProvider.GetRequiredService<TrainJob>().RunAsync(org, spec);
        }

        // A worker takes a shard job from the queue, scores it, and dies before acknowledging: no heartbeat, no completion.
        await store.Shards.CreateAsync(new ShardRun("victim", org, "sales", $"score:{spec.Name}", 1), [new ShardRange(0, null, null)]);
        var client1 = first.Services.GetRequiredService<IBackgroundJobClient>();
        client1.Enqueue<PipelineJobs>("victim", j => j.ScoreShardAsync("victim", 0, null, CancellationToken.None));
        var victimStorage = new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(database, new PostgreSqlStorageOptions { SchemaName = "hangfire" }),
            new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false, UseSlidingInvisibilityTimeout = false });
        var fetched = victimStorage.GetConnection().FetchNextJob(["victim"], CancellationToken.None);
        fetched.ShouldNotBeNull();
        (await store.Shards.StartAsync("victim", 0)).ShouldNotBeNull();
        var effect = await first.Services.GetRequiredService<ScoreJob>().RunAsync(org, CrmKind.Dataverse, spec, ScoreScope.All);
        effect.OutputsChanged.ShouldBeGreaterThan(0);
        // Every rescoring stamps crmx_scoredon anew; the effects that matter are the other outputs (scores, grades, reasons).
        var historyAfterVictim = await CountAsync(database, "SELECT COUNT(*) FROM output_history WHERE tbl = 'lead' AND field <> 'crmx_scoredon'");

        // The second server also serves the victim's queue and sees fetched jobs as abandoned after two seconds.
        await using var second = await StartHostAsync(sandbox, database, "server-b", ["default", "victim"], TimeSpan.FromSeconds(2));
        var runId = await first.Services.GetRequiredService<PipelineJobs>().StartShardedScoreAsync("sales", spec.Name, 8, null, CancellationToken.None);

        await WaitAsync(async () => (await store.Shards.ListAsync(runId)).All(s => s.Completed) && (await store.Shards.ListAsync("victim")).All(s => s.Completed));

        var shards = await store.Shards.ListAsync(runId);
        shards.Count.ShouldBe(8);
        shards.ShouldAllBe(s => s.Attempts == 1, "in normal operation no shard is processed twice");
        var servers = ServersThatRan(first, "ScoreShardAsync", runId);
        servers.Count.ShouldBe(8);
        servers.Distinct().Count().ShouldBe(2, $"both servers took shards: {string.Join(", ", servers)}");

        var victim = (await store.Shards.ListAsync("victim")).Single();
        victim.Attempts.ShouldBe(2, "the abandoned shard ran again");
        (await CountAsync(database, "SELECT COUNT(*) FROM output_history WHERE tbl = 'lead' AND field <> 'crmx_scoredon'")).ShouldBe(historyAfterVictim, "re-running the shard changed no output");
        (await CountAsync(database, "SELECT done_count FROM shard_runs WHERE run_id = 'victim'")).ShouldBe(1);

        // The 8-shard run's drift, merged from the shards' bin counts when the last one completed, is the unsharded run's.
        await WaitAsync(async () => (await store.Drift.ListAsync(org, spec.Name, 50)).Any(d => d.RunId == runId));
        var drift = await store.Drift.ListAsync(org, spec.Name, 50);
        var sharded = drift.Single(d => d.RunId == runId);
        var whole = drift.Single(d => d.RunId != runId && d.RunId != "victim" && d.Rows == effect.Scored && d.MeasuredAt < sharded.MeasuredAt);
        sharded.Rows.ShouldBe(effect.Scored);
        foreach (var (a, b) in sharded.Features.Zip(whole.Features))
        {
            a.Field.ShouldBe(b.Field);
            a.Psi.ShouldBe(b.Psi, 1e-12, a.Field);
        }
    }

    private static async Task<WebApplication> StartHostAsync(RunningSandbox sandbox, string database, string name, string[] queues, TimeSpan? invisibility = null)
    {
        var org = sandbox.Orgs[0];
        var settings = new Dictionary<string, string?>
        {
            ["Crmx:Store:ConnectionString"] = database,
            ["Crmx:Host:Urls"] = "http://127.0.0.1:0",
            ["Crmx:Host:Schedules:Refresh"] = string.Empty,
            ["Crmx:Host:Schedules:Retrain"] = string.Empty,
            ["Crmx:Host:Events:Worker"] = "false",
            ["Crmx:Host:Dashboard:Enabled"] = "false",
            ["Crmx:Host:Hangfire:Storage"] = "postgresql",
            ["Crmx:Host:Hangfire:WorkerCount"] = "1",
            ["Crmx:Host:Hangfire:ServerName"] = name,
            ["Crmx:Host:Hangfire:QueuePollInterval"] = "00:00:00.200",
            ["Crmx:Host:Hangfire:InvisibilityTimeout"] = (invisibility ?? TimeSpan.FromMinutes(5)).ToString(),
            ["Crmx:Host:Connections:0:Name"] = "sales",
            ["Crmx:Host:Connections:0:OrganizationId"] = org.OrganizationId.ToString(),
            ["Crmx:Host:Connections:0:WebhookKey"] = ServedSandbox.WebhookKey,
            ["Crmx:Host:Connections:0:Models:0"] = DefaultModels.LeadConversion,
            ["Crmx:Host:Connections:0:Dataverse:EnvironmentUrl"] = org.Url.ToString(),
            ["Crmx:Host:Connections:0:Dataverse:Authority"] = sandbox.Credentials.Authority.ToString(),
            ["Crmx:Host:Connections:0:Dataverse:ClientId"] = sandbox.Credentials.ClientId,
            ["Crmx:Host:Connections:0:Dataverse:ClientSecret"] = sandbox.Credentials.ClientSecret,
            ["Crmx:Host:Connections:0:Dataverse:Tables:0"] = "lead",
            ["Crmx:Host:Connections:0:Dataverse:Tables:1"] = "task",
            ["Crmx:Host:Connections:0:Dataverse:Tables:2"] = "phonecall",
            ["Crmx:Host:Connections:0:Dataverse:Tables:3"] = "email",
        };
        for (var i = 0; i < queues.Length; i++)
        {
            settings[$"Crmx:Host:Hangfire:Queues:{i}"] = queues[i];
        }

        var app = await CrmxHost.BuildAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await app.StartAsync();
        return app;
    }

    // The Processing state of each succeeded shard job of the run names the server that ran it.
    private static List<string> ServersThatRan(WebApplication app, string method, string runId)
    {
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var servers = new List<string>();
        foreach (var (id, job) in monitoring.SucceededJobs(0, 500))
        {
            if (job.Job?.Method.Name != method || job.Job.Args[0] as string != runId)
            {
                continue;
            }

            var processing = monitoring.JobDetails(id).History.Where(h => h.StateName == "Processing").ToList();
            processing.Count.ShouldBe(1, $"job {id} was processed once");
            servers.Add(processing[0].Data["ServerId"].Split(':')[0]);
        }

        return servers;
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The shards did not all complete within three minutes.");
            }

            await Task.Delay(250);
        }
    }
}
