using System.Net;
using System.Text;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

public sealed class BatchTests : IAsyncLifetime
{
    private RunningSandbox _sandbox = null!;
    private SandboxClient _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 60, Seed = 4 });
        _client = await SandboxClient.ConnectAsync(_sandbox);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostBatchAsync(string boundary, string body, string? prefer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_client.Org.ApiUrl, "$batch"))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/mixed; boundary=\"{boundary}\"");
        request.Headers.Authorization = new("Bearer", _client.Token);
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        return new HttpClient().SendAsync(request);
    }

    private static string Part(string method, string url, string? json = null, int? contentId = null) =>
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
        + (contentId is null ? string.Empty : $"Content-ID: {contentId}\r\n")
        + $"\r\n{method} {url} HTTP/1.1\r\n"
        + (json is null ? "\r\n" : $"Content-Type: application/json; type=entry\r\n\r\n{json}\r\n");

    private static string Batch(string boundary, params string[] parts) =>
        string.Concat(parts.Select(p => $"--{boundary}\r\n{p}")) + $"--{boundary}--\r\n";

    private static string ChangeSet(string boundary, params string[] parts) =>
        $"Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n" + string.Concat(parts.Select(p => $"--{boundary}\r\n{p}")) + $"--{boundary}--\r\n\r\n";

    /// <summary>Reads the response parts (flattening change sets) as (status, headers+body text).</summary>
    private static async Task<List<(int Status, string Text)>> PartsAsync(HttpResponseMessage response)
    {
        var body = (await response.Content.ReadAsStringAsync()).Replace("\r\n", "\n", StringComparison.Ordinal);
        var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var result = new List<(int, string)>();
        foreach (var segment in body.Split("--" + boundary).Skip(1).TakeWhile(s => !s.StartsWith("--", StringComparison.Ordinal)))
        {
            var inner = System.Text.RegularExpressions.Regex.Match(segment, "boundary=(changesetresponse_[0-9a-f-]+)");
            var pieces = inner.Success
                ? segment.Split("--" + inner.Groups[1].Value).Skip(1).TakeWhile(s => !s.StartsWith("--", StringComparison.Ordinal))
                : [segment];
            foreach (var piece in pieces)
            {
                var status = System.Text.RegularExpressions.Regex.Match(piece, "HTTP/1.1 (\\d{3})");
                result.Add((int.Parse(status.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), piece));
            }
        }

        return result;
    }

    private async Task<string> AccountIdAsync() =>
        (await _client.GetJsonAsync("accounts?$select=accountid&$top=1")).GetProperty("value")[0].GetProperty("accountid").GetString()!;

    [Fact]
    public async Task Batch_DocChangeSetExample_CreatesTaskAndReadsIt()
    {
        // Golden: dataverse.md §3 change-set request/response example (account id replaced by an existing one).
        var account = await AccountIdAsync();
        var body = Batch("batch_22975cad-7f57-410d-be15-6363209367ea",
            ChangeSet("changeset_246e6bfe-89a4-4c77-b293-7a433f082e8a",
                Part("POST", "/api/data/v9.2/tasks", $"{{\n  \"subject\": \"Task 1 in batch\",\n  \"regardingobjectid_account_task@odata.bind\": \"accounts({account})\"\n}}", 1)),
            Part("GET", $"/api/data/v9.2/accounts({account})/Account_Tasks?$select=subject"));

        using var response = await PostBatchAsync("batch_22975cad-7f57-410d-be15-6363209367ea", body);
        var parts = await PartsAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldStartWith("multipart/mixed; boundary=batchresponse_");
        parts.Select(p => p.Status).ShouldBe([204, 200]);
        parts[0].Text.ShouldContain("Content-ID: 1");
        parts[0].Text.ShouldContain("HTTP/1.1 204 No Content");
        parts[0].Text.ShouldContain($"Location: {_client.Org.ApiUrl}tasks(");
        parts[0].Text.ShouldContain($"OData-EntityId: {_client.Org.ApiUrl}tasks(");
        parts[1].Text.ShouldContain($"\"@odata.context\":\"{_client.Org.ApiUrl}$metadata#tasks(subject)\"");
        parts[1].Text.ShouldContain("\"subject\":\"Task 1 in batch\"");
    }

    [Fact]
    public async Task Batch_FailureWithoutContinueOnError_StopsWithFailingStatus()
    {
        // Golden: dataverse.md §3 failure example (400, 0x80044331 subject length).
        var tooLong = JsonSerializer.Serialize(new { subject = new string('x', 201) });
        var body = Batch("batch_1", Part("POST", "/api/data/v9.2/tasks", tooLong), Part("POST", "/api/data/v9.2/tasks", "{\"subject\":\"ok\"}"));

        using var response = await PostBatchAsync("batch_1", body);
        var parts = await PartsAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        parts.Count.ShouldBe(1);
        parts[0].Text.ShouldContain("{\"error\":{\"code\":\"0x80044331\",\"message\":\"A validation error occurred.  The length of the 'subject' attribute of the 'task' entity exceeded the maximum allowed length of '200'.\"}}");
    }

    [Fact]
    public async Task Batch_FailureWithContinueOnError_Returns200AndRunsTheRest()
    {
        var tooLong = JsonSerializer.Serialize(new { subject = new string('x', 201) });
        var body = Batch("batch_2", Part("POST", "/api/data/v9.2/tasks", tooLong), Part("POST", "/api/data/v9.2/tasks", "{\"subject\":\"ok 1\"}"), Part("POST", "tasks", "{\"subject\":\"ok 2\"}"));

        using var response = await PostBatchAsync("batch_2", body, "odata.continue-on-error");
        var parts = await PartsAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        parts.Select(p => p.Status).ShouldBe([400, 204, 204]);
    }

    [Fact]
    public async Task Batch_FailingChangeSet_RollsBackWhileIndependentRequestsSucceed()
    {
        var body = Batch("batch_3",
            Part("POST", "/api/data/v9.2/leads", "{\"subject\":\"independent A\",\"lastname\":\"A\"}"),
            ChangeSet("changeset_x",
                Part("POST", "/api/data/v9.2/leads", "{\"subject\":\"in change set B\",\"lastname\":\"B\"}", 1),
                Part("PATCH", $"/api/data/v9.2/leads({Guid.NewGuid()})", "{\"subject\":\"missing\"}", 2).Replace("PATCH", "PATCH", StringComparison.Ordinal)),
            Part("POST", "/api/data/v9.2/leads", "{\"subject\":\"independent C\",\"lastname\":\"C\"}"));
        body = body.Replace("HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{\"subject\":\"missing\"}", "HTTP/1.1\r\nIf-Match: *\r\nContent-Type: application/json; type=entry\r\n\r\n{\"subject\":\"missing\"}", StringComparison.Ordinal);

        using var response = await PostBatchAsync("batch_3", body, "odata.continue-on-error");
        var parts = await PartsAsync(response);
        var subjects = (await _client.GetJsonAsync("leads?$select=subject&$filter=" + Uri.EscapeDataString("startswith(subject,'independent') or startswith(subject,'in change set')")))
            .GetProperty("value").EnumerateArray().Select(r => r.GetProperty("subject").GetString()).ToList();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        parts.Select(p => p.Status).ShouldBe([204, 404, 204]);
        subjects.ShouldBe(["independent A", "independent C"], ignoreOrder: true);
    }

    [Fact]
    public async Task Batch_ContentIdReference_BindsToRecordCreatedEarlierInChangeSet()
    {
        var body = Batch("batch_4",
            ChangeSet("changeset_y",
                Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"Batch parent\"}", 1),
                Part("POST", "/api/data/v9.2/tasks", "{\"subject\":\"Child of $1\",\"regardingobjectid_account_task@odata.bind\":\"$1\"}", 2)));

        using var response = await PostBatchAsync("batch_4", body);
        var parts = await PartsAsync(response);
        var account = (await _client.GetJsonAsync("accounts?$select=accountid&$filter=name eq 'Batch parent'")).GetProperty("value")[0].GetProperty("accountid").GetString();
        var task = (await _client.GetJsonAsync("tasks?$select=_regardingobjectid_value&$filter=subject eq 'Child of $1'")).GetProperty("value")[0];

        parts.Select(p => p.Status).ShouldBe([204, 204]);
        task.GetProperty("_regardingobjectid_value").GetString().ShouldBe(account);
    }

    [Fact]
    public async Task Batch_UndeclaredContentId_Returns400()
    {
        var body = Batch("batch_5", ChangeSet("changeset_z", Part("POST", "/api/data/v9.2/tasks", "{\"subject\":\"x\",\"regardingobjectid_account_task@odata.bind\":\"$7\"}", 1)));

        using var response = await PostBatchAsync("batch_5", body);
        var parts = await PartsAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        parts[0].Text.ShouldContain("Content-ID Reference: '$7' does not exist in the batch context.");
    }

    [Fact]
    public async Task Batch_MoreThan1000Requests_IsRejected()
    {
        var body = Batch("batch_6", Enumerable.Range(0, 1001).Select(_ => Part("GET", "/api/data/v9.2/WhoAmI")).ToArray());

        using var response = await PostBatchAsync("batch_6", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Batch_GetInsideChangeSet_IsRejected()
    {
        var body = Batch("batch_7", ChangeSet("changeset_g", Part("GET", "/api/data/v9.2/WhoAmI")));

        using var response = await PostBatchAsync("batch_7", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
