using CrmExtensions.Cli.Demo;
using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Connectors.Salesforce;
using CrmExtensions.Jobs;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Store;
using Microsoft.Playwright;

namespace CrmExtensions.Reports.BrowserTests;

/// <summary>
/// A temporary SQLite store filled by a real sandbox demo run (sync, train, score with drift, segment accounts, write-back),
/// plus a retraining and a sync that failed against an unreachable CRM; and a second CRM, the sandbox's Salesforce org,
/// whose cases are synced (recording API calls and the DailyApiRequests budget) and categorised by a case model trained
/// on them. Served by a real Kestrel, browsed by Chromium.
/// </summary>
public sealed class SeededStore : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-report-tests-" + Guid.NewGuid().ToString("n"));
    private IPlaywright? _playwright;

    internal CrmStore Store { get; private set; } = null!;

    internal OrgId Org { get; private set; }

    /// <summary>The Salesforce org whose cases were synced and categorised.</summary>
    internal OrgId SalesforceOrg { get; private set; }

    internal ReportHost Host { get; private set; } = null!;

    internal string DemoReportPath { get; private set; } = null!;

    internal IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        var demo = await new DemoRunner(["dataverse"], scale: 1_000, seed: 5, changes: 100, _folder, DemoProgress.Silent).RunAsync(CancellationToken.None);
        DemoReportPath = demo.ReportPath;
        Store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = Path.Combine(_folder, "demo") });
        Org = (await Store.JobRuns.ListAsync(null, null, 1)).Single().Org;
        // A second version of one model, so the versions table has a champion and a challenger or retired one with reasons.
        var spec = DefaultSpecs.For(CrmKind.Dataverse).Single(s => s.Name == DefaultModels.OpportunityWin);
        await new TrainJob(Store.Records, Store.Models, Store.JobRuns, TimeProvider.System).RunAsync(Org, spec);
        await SeedFailedSyncAsync();
        await SeedSalesforceCasesAsync();
        Host = await ReportHost.StartAsync(new ReportSources(Store.JobRuns, Store.Models, Store.Records, Store.Drift));
        if (File.Exists(Chromium.Path))
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.Path, Headless = true });
        }
    }

    // The sandbox's Salesforce org: cases synced through the connector (the run records API calls and the budget the org
    // reported in Sforce-Limit-Info), then the case-category model trained on the cases people filed under a Reason.
    private async Task SeedSalesforceCasesAsync()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 2_000, Seed = 11 });
        var options = new SalesforceOptions
        {
            LoginUrl = sandbox.Orgs[0].Url,
            ClientId = sandbox.Credentials.ClientId,
            ClientSecret = sandbox.Credentials.ClientSecret,
            RetryDelay = TimeSpan.FromMilliseconds(20),
        };
        options.Objects.Add("Case");
        using var salesforce = SalesforceConnector.Create(options);
        SalesforceOrg = (await salesforce.Source.CheckAsync()).Org!.Value;
        var budget = salesforce.Usage.Budget;
        var meter = new ApiMeter(() => salesforce.Usage.Calls, () => budget.Max > 0 ? new ApiBudgetReading(budget.Used, budget.Max) : null);
        var synced = await new SyncJob(Store.Records, Store.Cursors, Store.JobRuns, TimeProvider.System)
            .RunAsync(SalesforceOrg, salesforce.Source, "Case", full: false, meter, CancellationToken.None);
        if (!synced.Succeeded)
        {
            throw new InvalidOperationException("The sandbox's Salesforce cases did not sync: " + synced.Error);
        }

        // The sandbox files cases under a Case Reason: the admin points the category at it.
        var spec = CaseSpecs.For(CrmKind.Salesforce).Single(s => s.Name == DefaultModels.CaseCategory) with
        {
            Labels = new CaseLabelOptions { CategoryField = "CRMX_Category__c", AgentField = "Reason" },
        };
        var trained = await new CaseTrainJob(Store.Records, Store.Outputs, Store.Models, Store.JobRuns, TimeProvider.System).RunAsync(SalesforceOrg, spec);
        if (trained.Result is null)
        {
            throw new InvalidOperationException("The case model was not trained: " + trained.Skipped);
        }
    }

    // A sync of cases against a CRM nobody answers at: the job records the run as failed with the reason.
    private async Task SeedFailedSyncAsync()
    {
        using var unreachable = DataverseConnector.Create(new DataverseOptions
        {
            EnvironmentUrl = new Uri("http://127.0.0.1:9/"),
            Authority = new Uri("http://127.0.0.1:9/tenant/"),
            ClientId = "report-tests",
            ClientSecret = "not-a-secret",
            Tables = { "incident" },
            MaxRetries = 0,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        var sync = new SyncJob(Store.Records, Store.Cursors, Store.JobRuns, TimeProvider.System);
        try
        {
            await sync.RunAsync(Org, unreachable.Source, "incident", full: false, () => unreachable.Usage.Calls, CancellationToken.None);
        }
        catch (HttpRequestException)
        {
            // Expected: the run row already says why it failed.
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SeededStoreGroup : ICollectionFixture<SeededStore>
{
    public const string Name = "seeded store";
}
