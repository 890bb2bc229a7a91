using System.Net;
using System.Text;
using System.Text.Json;
using CrmExtensions.Host.Functions;

namespace CrmExtensions.Host.Tests;

/// <summary>
/// The Azure Functions custom-handler protocol against the running host: the documented request payload
/// (<c>Data</c>/<c>Metadata</c>) posted to <c>/{function}</c>, answered with <c>Outputs</c>/<c>Logs</c>/<c>ReturnValue</c>.
/// </summary>
[Collection(ServedSandboxGroup.Name)]
public sealed class FunctionsInvocationTests(ServedSandbox served)
{
    [Fact]
    public async Task HttpInvocation_OfTheDataverseWebhook_StoresTheEventAndAnswersInOutputsRes()
    {
        await served.WaitUntilQuietAsync();
        var lead = (string)(await served.QueryAsync("SELECT id FROM records WHERE entity = 'lead' AND deleted = 0 ORDER BY id DESC LIMIT 1"))[0][0]!;
        var operation = Guid.NewGuid();
        var body = Payloads.Dataverse(served.Client.Org.OrganizationId, "lead", lead, operation, Guid.NewGuid());
        var payload = new
        {
            Data = new
            {
                req = new
                {
                    Url = "https://crmx.azurewebsites.net/api/webhooks/dataverse",
                    Method = "POST",
                    Query = new Dictionary<string, string>(),
                    Headers = new Dictionary<string, string[]> { ["Content-Type"] = ["application/json"], ["x-api-key"] = [ServedSandbox.WebhookKey] },
                    Params = new Dictionary<string, string>(),
                    Identities = Array.Empty<object>(),
                    Body = body,
                },
            },
            Metadata = new Dictionary<string, object> { ["sys"] = new { MethodName = "dataverse-webhook", UtcNow = DateTime.UtcNow, RandGuid = Guid.NewGuid() } },
        };

        var response = await InvokeAsync("dataverse-webhook", payload);

        var res = response.GetProperty("Outputs").GetProperty("res");
        res.GetProperty("statusCode").GetInt32().ShouldBe(200);
        JsonDocument.Parse(res.GetProperty("body").GetString()!).RootElement.GetProperty("accepted").GetInt32().ShouldBe(1);
        response.GetProperty("Logs").ValueKind.ShouldBe(JsonValueKind.Array);
        response.GetProperty("ReturnValue").ValueKind.ShouldBe(JsonValueKind.Null);
        (await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE event_key = $k", ("$k", $"dv:{operation:D}"))).ShouldBe(1);
    }

    [Fact]
    public async Task HttpInvocation_WithAWrongKey_AnswersUnauthorizedInOutputsRes()
    {
        var payload = new
        {
            Data = new { req = new { Method = "POST", Query = new Dictionary<string, string> { ["code"] = "wrong-key-wrong-key" }, Headers = new Dictionary<string, string>(), Body = Payloads.Dataverse(served.Client.Org.OrganizationId, "lead", Guid.NewGuid().ToString(), Guid.NewGuid(), Guid.NewGuid()) } },
            Metadata = new { },
        };

        var response = await InvokeAsync("dataverse-webhook", payload);

        response.GetProperty("Outputs").GetProperty("res").GetProperty("statusCode").GetInt32().ShouldBe(401);
    }

    [Fact]
    public async Task TimerInvocation_OfWriteBack_DrainsEventsAndReportsInLogsAndReturnValue()
    {
        var payload = new
        {
            Data = new { timer = new { Schedule = new { AdjustForDST = true }, ScheduleStatus = new { Last = DateTime.UtcNow.AddMinutes(-5), Next = DateTime.UtcNow.AddMinutes(5) }, IsPastDue = false } },
            Metadata = new { sys = new { MethodName = "writeback", UtcNow = DateTime.UtcNow } },
        };

        var response = await InvokeAsync("writeback", payload);

        response.GetProperty("Outputs").EnumerateObject().ShouldBeEmpty();
        response.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()).ShouldContain(l => l!.StartsWith("write-back of connection sales done", StringComparison.Ordinal));
        var result = response.GetProperty("ReturnValue");
        result.GetProperty("function").GetString().ShouldBe("writeback");
        result.GetProperty("failures").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task HttpInvocation_OfHealth_AnswersTheReport()
    {
        var response = await InvokeAsync("health", new { Data = new { req = new { Method = "GET" } }, Metadata = new { } });

        var res = response.GetProperty("Outputs").GetProperty("res");
        res.GetProperty("statusCode").GetInt32().ShouldBe(200);
        JsonDocument.Parse(res.GetProperty("body").GetString()!).RootElement.GetProperty("status").GetString().ShouldBe("ok");
    }

    [Fact]
    public void FunctionFolders_MatchTheHostsInvocations_AndHostJsonStartsServe()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Functions");
        var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "host.json"))).RootElement;
        var description = host.GetProperty("customHandler").GetProperty("description");
        description.GetProperty("defaultExecutablePath").GetString().ShouldBe("crmx");
        description.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()).ShouldBe(["serve", "--functions"]);

        var functions = Directory.GetFiles(folder, "function.json", SearchOption.AllDirectories).Select(f => Path.GetFileName(Path.GetDirectoryName(f))!).ToList();
        functions.ShouldBe(FunctionInvocations.Names, ignoreOrder: true);
        foreach (var function in functions)
        {
            var trigger = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, function, "function.json"))).RootElement.GetProperty("bindings")[0];
            trigger.GetProperty("type").GetString().ShouldBeOneOf("timerTrigger", "httpTrigger");
        }
    }

    private async Task<JsonElement> InvokeAsync(string function, object payload)
    {
        using var content = new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json");
        using var response = await served.Http.PostAsync(new Uri(served.BaseUrl, function), content);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CrmExtensions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CrmExtensions.sln not found above the test output.");
    }
}
