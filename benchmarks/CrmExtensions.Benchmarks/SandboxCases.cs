using System.Net.Http.Json;
using System.Text.Json;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Benchmarks;

/// <summary>One sandbox incident as the case benchmarks read it: id, title, description and its subject's title (the category).</summary>
internal sealed record SandboxCase(string Id, string Title, string Description, string Category);

/// <summary>
/// Reads the sandbox's incidents over its Dataverse Web API (token, paged <c>incidents</c>, <c>subjects</c>), as a
/// customer's export would: the same data the jobs train on, without the store in between.
/// </summary>
internal static class SandboxCases
{
    public static async Task<List<SandboxCase>> ReadAsync(int scale, int seed)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = scale, Seed = seed });
        using var http = new HttpClient();
        var org = sandbox.Orgs[0];
        var c = sandbox.Credentials;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = c.ClientId, ["client_secret"] = c.ClientSecret, ["scope"] = org.Scope,
        });
        using (var token = await http.PostAsync(c.TokenEndpoint, form))
        {
            token.EnsureSuccessStatusCode();
            var json = await token.Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new("Bearer", json.GetProperty("access_token").GetString());
        }

        var subjects = (await PagesAsync(http, org.ApiUrl, "subjects?$select=subjectid,title"))
            .ToDictionary(s => s.GetProperty("subjectid").GetString()!, s => s.GetProperty("title").GetString()!, StringComparer.OrdinalIgnoreCase);
        return [.. (await PagesAsync(http, org.ApiUrl, "incidents?$select=incidentid,title,description,_subjectid_value"))
            .Where(i => i.GetProperty("_subjectid_value").ValueKind == JsonValueKind.String)
            .Select(i => new SandboxCase(
                i.GetProperty("incidentid").GetString()!, i.GetProperty("title").GetString() ?? "", i.GetProperty("description").GetString() ?? "",
                subjects[i.GetProperty("_subjectid_value").GetString()!]))];
    }

    private static async Task<List<JsonElement>> PagesAsync(HttpClient http, Uri apiUrl, string relative)
    {
        var rows = new List<JsonElement>();
        string? next = new Uri(apiUrl, relative).ToString();
        while (next is not null)
        {
            var page = await http.GetFromJsonAsync<JsonElement>(new Uri(next));
            rows.AddRange(page.GetProperty("value").EnumerateArray());
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return rows;
    }
}
