using System.Net.Http.Headers;
using System.Text;

namespace CrmExtensions.Sandbox.Tests.Salesforce;

public sealed class SfBulkIngestTests(SfWriteSandbox shared) : IClassFixture<SfWriteSandbox>
{
    [Fact]
    public async Task IngestJob_Update_AppliesRowsAndReportsResultsBySfId()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var leads = (await client.QueryAsync("SELECT Id, Company FROM Lead WHERE IsConverted = false AND Status = 'Working - Contacted' LIMIT 2")).GetProperty("records");
        var (a, b) = (leads[0].GetProperty("Id").GetString()!, leads[1].GetProperty("Id").GetString()!);
        var company = leads[0].GetProperty("Company").GetString();

        var (created, job, r1) = await client.CallAsync(HttpMethod.Post, "jobs/ingest", "{ \"object\": \"Lead\", \"contentType\": \"CSV\", \"operation\": \"update\", \"lineEnding\": \"LF\" }");
        r1.Dispose();
        created.ShouldBe(200);
        // salesforce.md §4a create response keys (update jobs have no externalIdFieldName).
        Normalize.Keys(job).ShouldBe(["id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "contentUrl", "lineEnding", "columnDelimiter"]);
        job.GetProperty("state").GetString().ShouldBe("Open");
        var id = job.GetProperty("id").GetString()!;
        job.GetProperty("contentUrl").GetString().ShouldBe($"services/data/v{SfClient.Version}/jobs/ingest/{id}/batches");

        var csv = $"Id,CRMX_Score__c,Company,Rating\n{a},55,,#N/A\n{b},61,\"Oil & Gas, UK\",Hot\n00Q0g00000AAAAAAAA,1,,\n";
        using (var upload = new HttpRequestMessage(HttpMethod.Put, new Uri($"{client.InstanceUrl}/services/data/v{SfClient.Version}/jobs/ingest/{id}/batches")))
        {
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
            upload.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
            using var http = new HttpClient();
            using var uploaded = await http.SendAsync(upload);
            ((int)uploaded.StatusCode).ShouldBe(201);
        }

        var (closed, closing, r2) = await client.CallAsync(HttpMethod.Patch, $"jobs/ingest/{id}", "{\"state\":\"UploadComplete\"}");
        r2.Dispose();
        closed.ShouldBe(200);
        closing.GetProperty("state").GetString().ShouldBe("UploadComplete");
        var states = new List<string>();
        System.Text.Json.JsonElement polled;
        do
        {
            await Task.Delay(states.Count == 0 ? 0 : 20);
            var (_, poll, r3) = await client.CallAsync(HttpMethod.Get, $"jobs/ingest/{id}");
            r3.Dispose();
            polled = poll;
            states.Add(poll.GetProperty("state").GetString()!);
        }
        while (states[^1] == "InProgress" && states.Count < 500);

        states.ShouldAllBe(s => s == "InProgress" || s == "JobComplete");
        states[^1].ShouldBe("JobComplete");
        polled.GetProperty("numberRecordsProcessed").GetInt32().ShouldBe(3);
        polled.GetProperty("numberRecordsFailed").GetInt32().ShouldBe(1);

        using var ok = await client.SendAsync(HttpMethod.Get, $"jobs/ingest/{id}/successfulResults/");
        var okLines = (await ok.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        okLines[0].ShouldBe("\"sf__Id\",\"sf__Created\",\"Id\",\"CRMX_Score__c\",\"Company\",\"Rating\"");
        okLines.Length.ShouldBe(3);
        okLines.Skip(1).ShouldAllBe(l => l.Contains("\"false\""));
        using var failed = await client.SendAsync(HttpMethod.Get, $"jobs/ingest/{id}/failedResults/");
        var failedLines = (await failed.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        failedLines[0].ShouldBe("\"sf__Id\",\"sf__Error\",\"Id\",\"CRMX_Score__c\",\"Company\",\"Rating\"");
        failedLines[1].ShouldContain("ENTITY_IS_DELETED");

        var read = (await client.QueryAsync($"SELECT Id, CRMX_Score__c, Company, Rating FROM Lead WHERE Id IN ('{a}', '{b}') ORDER BY CRMX_Score__c")).GetProperty("records");
        read[0].GetProperty("CRMX_Score__c").GetDecimal().ShouldBe(55m);
        read[0].GetProperty("Company").GetString().ShouldBe(company);
        read[0].GetProperty("Rating").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        read[1].GetProperty("Company").GetString().ShouldBe("Oil & Gas, UK");
        read[1].GetProperty("Rating").GetString().ShouldBe("Hot");
    }

    [Fact]
    public async Task IngestJob_Aborted_ReportsRowsAsUnprocessed()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var (_, job, r1) = await client.CallAsync(HttpMethod.Post, "jobs/ingest", "{ \"object\": \"Lead\", \"operation\": \"upsert\", \"externalIdFieldName\": \"Id\" }");
        r1.Dispose();
        var id = job.GetProperty("id").GetString()!;
        using (var upload = new HttpRequestMessage(HttpMethod.Put, new Uri($"{client.InstanceUrl}/services/data/v{SfClient.Version}/jobs/ingest/{id}/batches")))
        {
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
            upload.Content = new StringContent("Id,Rating\n00Q0g00000AAAAAAAA,Hot\n", Encoding.UTF8, "text/csv");
            using var http = new HttpClient();
            using var uploaded = await http.SendAsync(upload);
            ((int)uploaded.StatusCode).ShouldBe(201);
        }

        var (status, aborted, r2) = await client.CallAsync(HttpMethod.Patch, $"jobs/ingest/{id}", "{\"state\":\"Aborted\"}");
        r2.Dispose();
        using var unprocessed = await client.SendAsync(HttpMethod.Get, $"jobs/ingest/{id}/unprocessedrecords/");

        status.ShouldBe(200);
        aborted.GetProperty("state").GetString().ShouldBe("Aborted");
        (await unprocessed.Content.ReadAsStringAsync()).ShouldBe("\"Id\",\"Rating\"\n\"00Q0g00000AAAAAAAA\",\"Hot\"\n");
    }
}
