using System.Net;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

public sealed class WebhookTests
{
    private const string UpdateMessage = "20bebb1b-ea3e-db11-86a7-000a3a5473e8";

    /// <summary>Registers a webhook the way an installer would (dataverse.md §6 JSON shapes) and returns the step id.</summary>
    private static async Task<string> RegisterAsync(SandboxClient client, Uri url, string message, string filtering, string? imageColumns, int authType = 5, string authValue = "<settings><setting name=\"x-api-key\" value=\"s3cret\" /></settings>", int mode = 1)
    {
        var endpointJson = JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = "Scoring webhook", ["url"] = url.ToString(), ["contract"] = 8, ["authtype"] = authType, ["authvalue"] = authValue, ["messageformat"] = 2 });
        using var endpoint = await client.SendAsync(HttpMethod.Post, "serviceendpoints", endpointJson);
        endpoint.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var endpointId = endpoint.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1];

        var messageId = (await client.GetJsonAsync($"sdkmessages?$select=sdkmessageid&$filter=name eq '{message}'")).GetProperty("value")[0].GetProperty("sdkmessageid").GetString();
        var filterId = (await client.GetJsonAsync($"sdkmessagefilters?$select=sdkmessagefilterid&$filter=primaryobjecttypecode eq 'lead' and _sdkmessageid_value eq {messageId}"))
            .GetProperty("value")[0].GetProperty("sdkmessagefilterid").GetString();
        var stepJson = $"{{\"name\":\"lead {message} → webhook\",\"stage\":40,\"mode\":{mode},\"rank\":1,\"filteringattributes\":\"{filtering}\","
            + $"\"sdkmessageid@odata.bind\":\"/sdkmessages({messageId})\",\"sdkmessagefilterid@odata.bind\":\"/sdkmessagefilters({filterId})\","
            + $"\"eventhandler_serviceendpoint@odata.bind\":\"/serviceendpoints({endpointId})\",\"supporteddeployment\":0,\"asyncautodelete\":true}}";
        using var step = await client.SendAsync(HttpMethod.Post, "sdkmessageprocessingsteps", stepJson);
        step.StatusCode.ShouldBe(HttpStatusCode.NoContent, await step.Content.ReadAsStringAsync());
        var stepId = step.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1];
        if (imageColumns is not null)
        {
            var imageJson = $"{{\"name\":\"post\",\"entityalias\":\"AsynchronousStepPrimaryName\",\"imagetype\":1,\"messagepropertyname\":\"Target\",\"attributes\":\"{imageColumns}\","
                + $"\"sdkmessageprocessingstepid@odata.bind\":\"/sdkmessageprocessingsteps({stepId})\"}}";
            (await client.SendAsync(HttpMethod.Post, "sdkmessageprocessingstepimages", imageJson)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        return stepId;
    }

    private static async Task<string> OpenLeadAsync(SandboxClient client) =>
        (await client.GetJsonAsync("leads?$select=leadid&$top=1&$filter=statecode eq 0")).GetProperty("value")[0].GetProperty("leadid").GetString()!;

    [Fact]
    public async Task OwnUpdate_OnRegisteredStep_PostsRemoteExecutionContextAsUserEdit()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var stepId = await RegisterAsync(client, receiver.Url, "Update", "statecode,statuscode", "statecode,subject");
        var lead = await OpenLeadAsync(client);

        (await client.SendAsync(HttpMethod.Patch, $"leads({lead})", "{\"statecode\":2,\"statuscode\":4}", ("If-Match", "*"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await receiver.WaitForAsync(1)).ShouldBeTrue();
        receiver.Received.TryPeek(out var call).ShouldBeTrue();
        call.Headers["x-ms-dynamics-entity-name"].ShouldBe("lead");
        call.Headers["x-ms-dynamics-request-name"].ShouldBe("Update");
        call.Headers["x-api-key"].ShouldBe("s3cret");
        call.Headers.ContainsKey("x-ms-correlation-request-id").ShouldBeTrue();
        call.Body.ShouldContain("\"__type\":\"Entity:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts\"");
        var context = JsonDocument.Parse(call.Body).RootElement;

        // Golden: property order of the doc's RemoteExecutionContext example (dataverse.md §6).
        Normalize.Keys(context).ShouldBe([
            "BusinessUnitId", "CorrelationId", "Depth", "InitiatingUserId", "InputParameters", "IsExecutingOffline", "IsInTransaction",
            "IsOfflinePlayback", "IsolationMode", "MessageName", "Mode", "OperationCreatedOn", "OperationId", "OrganizationId",
            "OrganizationName", "OutputParameters", "OwningExtension", "ParentContext", "PostEntityImages", "PreEntityImages",
            "PrimaryEntityId", "PrimaryEntityName", "RequestId", "SecondaryEntityName", "SharedVariables", "Stage", "UserId"]);
        context.GetProperty("MessageName").GetString().ShouldBe("Update");
        context.GetProperty("Depth").GetInt32().ShouldBe(1);
        context.GetProperty("Stage").GetInt32().ShouldBe(40);
        context.GetProperty("Mode").GetInt32().ShouldBe(1);
        context.GetProperty("UserId").GetGuid().ShouldBe(client.Org.ApplicationUserId);
        context.GetProperty("InitiatingUserId").GetGuid().ShouldBe(client.Org.ApplicationUserId);
        context.GetProperty("OrganizationId").GetGuid().ShouldBe(client.Org.OrganizationId);
        context.GetProperty("PrimaryEntityName").GetString().ShouldBe("lead");
        context.GetProperty("PrimaryEntityId").GetString().ShouldBe(lead);
        context.GetProperty("OwningExtension").GetProperty("Id").GetString().ShouldBe(stepId);
        var target = context.GetProperty("InputParameters")[0].GetProperty("value");
        Normalize.Keys(target).ShouldBe(["__type", "Attributes", "EntityState", "FormattedValues", "Id", "KeyAttributes", "LogicalName", "RelatedEntities", "RowVersion"]);
        call.Body.ShouldContain("\"OperationCreatedOn\":\"\\/Date(");
        var targetKeys = target.GetProperty("Attributes").EnumerateArray().Select(a => a.GetProperty("key").GetString()).ToList();
        targetKeys.ShouldContain("statecode");
        targetKeys.ShouldContain("leadid");
        targetKeys.ShouldNotContain("subject");
        target.GetProperty("Attributes").EnumerateArray().First(a => a.GetProperty("key").GetString() == "statecode")
            .GetProperty("value").GetProperty("Value").GetInt32().ShouldBe(2);
        var image = context.GetProperty("PostEntityImages")[0];
        image.GetProperty("key").GetString().ShouldBe("AsynchronousStepPrimaryName");
        image.GetProperty("value").GetProperty("Attributes").EnumerateArray().Select(a => a.GetProperty("key").GetString()).ShouldBe(["statecode", "subject"]);
        using var http = new HttpClient();
        var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(sandbox.BaseUrl, "_sandbox/stats"))).RootElement;
        stats.GetProperty("org1").GetProperty("eventsSent").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task SimulatedUserEdits_FireWebhooksWithTheEditingUser()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 50 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        await RegisterAsync(client, receiver.Url, "Update", string.Empty, null);

        var (_, updated, _) = await sandbox.SimulateAsync("org1", 60);

        updated.ShouldBeGreaterThan(0);
        (await receiver.WaitForAsync(1)).ShouldBeTrue();
        var context = JsonDocument.Parse(receiver.Received.First().Body).RootElement;
        context.GetProperty("UserId").GetGuid().ShouldNotBe(client.Org.ApplicationUserId);
        context.GetProperty("Depth").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Update_OfUnfilteredColumn_SendsNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        await RegisterAsync(client, receiver.Url, "Update", "statecode,statuscode", null);
        var lead = await OpenLeadAsync(client);

        await client.SendAsync(HttpMethod.Patch, $"leads({lead})", "{\"telephone1\":\"555\"}", ("If-Match", "*"));
        await client.SendAsync(HttpMethod.Patch, $"leads({lead})", "{\"statuscode\":2}", ("If-Match", "*"));

        (await receiver.WaitForAsync(1)).ShouldBeTrue();
        await Task.Delay(200);
        receiver.Received.Count.ShouldBe(1);
        receiver.Received.Single().Body.ShouldContain("statuscode");
    }

    [Fact]
    public async Task Delivery_503ThenOk_IsRetriedOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(call => call == 1 ? 503 : 200);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        await RegisterAsync(client, receiver.Url, "Update", string.Empty, null);

        await client.SendAsync(HttpMethod.Patch, $"leads({await OpenLeadAsync(client)})", "{\"subject\":\"x\"}", ("If-Match", "*"));

        (await receiver.WaitForAsync(2)).ShouldBeTrue();
        await Task.Delay(200);
        receiver.Received.Count.ShouldBe(2);
        (await client.GetJsonAsync("asyncoperations?$select=statuscode")).GetProperty("value").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Delivery_500_IsNotRetriedAndLogsFailedSystemJob()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 500);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var stepId = await RegisterAsync(client, receiver.Url, "Update", string.Empty, null);

        await client.SendAsync(HttpMethod.Patch, $"leads({await OpenLeadAsync(client)})", "{\"subject\":\"x\"}", ("If-Match", "*"));

        (await receiver.WaitForAsync(1)).ShouldBeTrue();
        JsonElement jobs = default;
        for (var i = 0; i < 50; i++)
        {
            jobs = (await client.GetJsonAsync($"asyncoperations?$select=statuscode&$filter=statuscode eq 31 and _owningextensionid_value eq {stepId}")).GetProperty("value");
            if (jobs.GetArrayLength() > 0)
            {
                break;
            }

            await Task.Delay(20);
        }

        receiver.Received.Count.ShouldBe(1);
        jobs.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Delivery_OverSizeLimit_DropsImagesAndSetsHeader()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20, WebhookMaxPayloadBytes = 1500 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        await RegisterAsync(client, receiver.Url, "Update", string.Empty, string.Empty);

        await client.SendAsync(HttpMethod.Patch, $"leads({await OpenLeadAsync(client)})", "{\"subject\":\"x\"}", ("If-Match", "*"));

        (await receiver.WaitForAsync(1)).ShouldBeTrue();
        var call = receiver.Received.Single();
        call.Headers.ContainsKey("x-ms-dynamics-msg-size-exceeded").ShouldBeTrue();
        var context = JsonDocument.Parse(call.Body).RootElement;
        context.TryGetProperty("InputParameters", out _).ShouldBeFalse();
        context.TryGetProperty("PostEntityImages", out _).ShouldBeFalse();
        context.GetProperty("PrimaryEntityName").GetString().ShouldBe("lead");
    }

    [Fact]
    public async Task WebhookKeyAuth_SendsCodeInQueryString()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        await RegisterAsync(client, receiver.Url, "Create", string.Empty, null, authType: 4, authValue: "key123");

        await client.SendAsync(HttpMethod.Post, "leads", "{\"subject\":\"new\",\"lastname\":\"N\"}");

        (await receiver.WaitForAsync(1)).ShouldBeTrue();
        var call = receiver.Received.Single();
        call.Query.ShouldBe("?code=key123");
        JsonDocument.Parse(call.Body).RootElement.GetProperty("MessageName").GetString().ShouldBe("Create");
    }

    [Fact]
    public async Task ServiceEndpoint_AuthValue_IsNotReadable()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        await RegisterAsync(client, new Uri("http://127.0.0.1:9/hook"), "Update", string.Empty, null);

        var row = (await client.GetJsonAsync("serviceendpoints?$select=name,authvalue")).GetProperty("value")[0];

        row.GetProperty("authvalue").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task SynchronousStep_Ok_IsDeliveredBeforeTheResponse()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        await RegisterAsync(client, receiver.Url, "Update", string.Empty, null, mode: 0);

        using var response = await client.SendAsync(HttpMethod.Patch, $"leads({await OpenLeadAsync(client)})", "{\"subject\":\"sync\"}", ("If-Match", "*"));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        receiver.Received.Count.ShouldBe(1);
        JsonDocument.Parse(receiver.Received.Single().Body).RootElement.GetProperty("Mode").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task SynchronousStep_Failing_RollsBackTheOperation()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 500);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        await RegisterAsync(client, receiver.Url, "Update", string.Empty, null, mode: 0);
        var lead = await OpenLeadAsync(client);

        using var response = await client.SendAsync(HttpMethod.Patch, $"leads({lead})", "{\"subject\":\"refused\"}", ("If-Match", "*"));
        var row = await client.GetJsonAsync($"leads({lead})?$select=subject");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString().ShouldBe("0x80040265");
        row.GetProperty("subject").GetString().ShouldNotBe("refused");
    }
}
