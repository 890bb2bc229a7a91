using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Salesforce;

public sealed class SfBulkQueryTests(SharedSandbox shared) : IClassFixture<SharedSandbox>
{
    [Fact]
    public async Task QueryJob_Lifecycle_PagesCsvWithLocatorUntilLiteralNull()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var (created, job, r1) = await client.CallAsync(HttpMethod.Post, "jobs/query", "{ \"operation\": \"query\", \"query\": \"SELECT Id, Name FROM Account\" }");
        r1.Dispose();
        created.ShouldBe(200);
        // salesforce.md §4b create response keys.
        Normalize.Keys(job).ShouldBe(["id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "lineEnding", "columnDelimiter"]);
        job.GetProperty("state").GetString().ShouldBe("UploadComplete");
        job.GetProperty("apiVersion").ValueKind.ShouldBe(JsonValueKind.Number);
        var id = job.GetProperty("id").GetString()!;

        var (early, notComplete, r2) = await client.CallAsync(HttpMethod.Get, $"jobs/query/{id}/results");
        r2.Dispose();
        early.ShouldBe(412);
        notComplete[0].GetProperty("errorCode").GetString().ShouldBe("JOB_NOT_COMPLETE");

        var (_, polled, r3) = await client.CallAsync(HttpMethod.Get, $"jobs/query/{id}");
        r3.Dispose();
        polled.GetProperty("state").GetString().ShouldBe("JobComplete");
        polled.GetProperty("jobType").GetString().ShouldBe("V2Query");
        var total = polled.GetProperty("numberRecordsProcessed").GetInt32();
        total.ShouldBeGreaterThan(40);

        var rows = new List<string>();
        var locator = string.Empty;
        var sets = 0;
        while (true)
        {
            using var response = await client.SendAsync(HttpMethod.Get, $"jobs/query/{id}/results?maxRecords=40{(locator.Length > 0 ? "&locator=" + locator : string.Empty)}");
            var csv = await response.Content.ReadAsStringAsync();
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines[0].ShouldBe("\"Id\",\"Name\"");
            rows.AddRange(lines.Skip(1));
            response.Headers.GetValues("Sforce-NumberOfRecords").Single().ShouldBe((lines.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            locator = response.Headers.GetValues("Sforce-Locator").Single();
            sets++;
            if (locator == "null")
            {
                break;
            }
        }

        rows.Count.ShouldBe(total);
        sets.ShouldBe((total + 39) / 40);
        rows[0].ShouldMatch("^\"001[0-9A-Za-z]{15}\",\".*\"$");
        var (otherVersion, _, r4) = await client.CallAsync(HttpMethod.Get, $"/services/data/v60.0/jobs/query/{id}/results");
        r4.Dispose();
        otherVersion.ShouldBe(409);
    }
}
