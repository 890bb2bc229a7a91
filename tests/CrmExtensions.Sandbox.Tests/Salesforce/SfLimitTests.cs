namespace CrmExtensions.Sandbox.Tests.Salesforce;

public sealed class SfLimitTests
{
    [Fact]
    public async Task Limits_ReturnsDocumentedKeysAndCountsCalls()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 50, Seed = 7, Salesforce = new SalesforceSettings { DailyApiRequests = 1000 } });
        using var client = await SfClient.ConnectAsync(sandbox);

        var (_, first, r1) = await client.CallAsync(HttpMethod.Get, "limits");
        var (status, json, r2) = await client.CallAsync(HttpMethod.Get, "limits");

        status.ShouldBe(200);
        r2.Headers.GetValues("Sforce-Limit-Info").Single().ShouldBe("api-usage=2/1000");
        r1.Dispose();
        r2.Dispose();
        Normalize.Keys(json).ShouldBe(["ConcurrentAsyncGetReportInstances", "DailyApiRequests", "DailyBulkApiBatches", "DailyBulkV2QueryFileStorageMB", "DailyBulkV2QueryJobs", "DataStorageMB"]);
        Normalize.Keys(json.GetProperty("DailyApiRequests")).ShouldBe(["Max", "Remaining"]);
        json.GetProperty("DailyApiRequests").GetProperty("Max").GetInt32().ShouldBe(1000);
        json.GetProperty("DailyApiRequests").GetProperty("Remaining").GetInt32().ShouldBe(first.GetProperty("DailyApiRequests").GetProperty("Remaining").GetInt32() - 1);
    }

    [Fact]
    public async Task DailyBudgetSpent_Returns403TotalRequests()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 50, Seed = 7, Salesforce = new SalesforceSettings { DailyApiRequests = 3, LimitInfo = LimitInfoVariant.WithApiBursts } });
        using var client = await SfClient.ConnectAsync(sandbox);

        for (var i = 0; i < 3; i++)
        {
            var (ok, _, r) = await client.CallAsync(HttpMethod.Get, "limits");
            r.Dispose();
            ok.ShouldBe(200);
        }

        var (status, json, response) = await client.CallAsync(HttpMethod.Get, "query?q=SELECT+Id+FROM+Lead");
        response.Headers.GetValues("Sforce-Limit-Info").Single().ShouldMatch(@"^api-usage=3/3; api-bursts=\d+/750$");
        response.Dispose();

        status.ShouldBe(403);
        json.GetRawText().ShouldBe("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
    }

    [Fact]
    public async Task ConcurrentLongRunning_Returns403WithOtherMessage()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Scale = 50, Seed = 7,
            Salesforce = new SalesforceSettings { ConcurrentLongRunningRequests = 1, LongRunningThreshold = TimeSpan.FromMilliseconds(100) },
            Faults = new FaultSettings { Latency = 1, LatencyMilliseconds = 1500 },
        });
        using var client = await SfClient.ConnectAsync(sandbox);

        var slow = client.CallAsync(HttpMethod.Get, "limits");
        await Task.Delay(600);
        var (status, json, response) = await client.CallAsync(HttpMethod.Get, "limits");
        response.Dispose();
        var (slowStatus, _, slowResponse) = await slow;
        slowResponse.Dispose();

        slowStatus.ShouldBe(200);
        status.ShouldBe(403);
        json[0].GetProperty("errorCode").GetString().ShouldBe("REQUEST_LIMIT_EXCEEDED");
        json[0].GetProperty("message").GetString().ShouldBe("ConcurrentPerOrgLongTxn Limit exceeded.");
    }
}
