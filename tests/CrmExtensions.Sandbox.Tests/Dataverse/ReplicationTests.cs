using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

/// <summary>A client that syncs the way the notes recommend must converge to the server's state, even under writes.</summary>
public sealed class ReplicationTests
{
    [Fact]
    public async Task ChangeTrackingReplica_WithWritesDuringPaging_ConvergesToFullRead()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 300, Seed = 21 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var replica = new Dictionary<string, string?>();

        // Initial snapshot, paged, with user edits landing between pages.
        var link = "leads?$select=subject,statecode";
        string? deltaLink = null;
        var first = true;
        while (deltaLink is null)
        {
            var page = await client.GetJsonAsync(link, first ? [("Prefer", "odata.track-changes,odata.maxpagesize=50")] : [("Prefer", "odata.maxpagesize=50")]);
            first = false;
            Apply(replica, page);
            await sandbox.SimulateAsync("org1", 15);
            if (page.TryGetProperty("@odata.deltaLink", out var d))
            {
                deltaLink = d.GetString();
            }
            else
            {
                link = page.GetProperty("@odata.nextLink").GetString()!;
            }
        }

        // Two rounds of deltas, paged small, with more edits in between.
        for (var round = 0; round < 2; round++)
        {
            await sandbox.SimulateAsync("org1", 40);
            link = deltaLink!;
            deltaLink = null;
            while (deltaLink is null)
            {
                var page = await client.GetJsonAsync(link, ("Prefer", "odata.maxpagesize=20"));
                page.GetProperty("@odata.context").GetString()!.ShouldEndWith("/$delta");
                Apply(replica, page);
                if (page.TryGetProperty("@odata.deltaLink", out var d))
                {
                    deltaLink = d.GetString();
                }
                else
                {
                    link = page.GetProperty("@odata.nextLink").GetString()!;
                }
            }
        }

        var truth = (await client.GetJsonAsync("leads?$select=subject,statecode")).GetProperty("value").EnumerateArray()
            .ToDictionary(r => r.GetProperty("leadid").GetString()!, r => r.GetProperty("subject").GetString() + "|" + r.GetProperty("statecode").GetInt32());
        replica.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}").ToList().ShouldBe(truth.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}").ToList());
    }

    private static void Apply(Dictionary<string, string?> replica, JsonElement page)
    {
        foreach (var row in page.GetProperty("value").EnumerateArray())
        {
            if (row.TryGetProperty("reason", out _))
            {
                replica.Remove(row.GetProperty("id").GetString()!);
            }
            else
            {
                replica[row.GetProperty("leadid").GetString()!] = row.GetProperty("subject").GetString() + "|" + row.GetProperty("statecode").GetInt32();
            }
        }
    }
}
