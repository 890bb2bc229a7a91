using System.Net;
using System.Text.Json;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Host.Tests;

/// <summary>What an installer does before the host serves an org: output columns, then a webhook endpoint and steps (dataverse.md §6, §7).</summary>
internal static class SandboxSetup
{
    private const string UpdateMessage = "20bebb1b-ea3e-db11-86a7-000a3a5473e8";

    public static async Task InstallColumnsAsync(SandboxClient client, string model, string table)
    {
        foreach (var field in OutputCatalogue.Default.Fields.Where(f => f.Model == model && f.DataverseTable == table))
        {
            using var response = await client.SendAsync(HttpMethod.Post, $"EntityDefinitions(LogicalName='{table}')/Attributes", Definition(field));
            response.IsSuccessStatusCode.ShouldBeTrue($"column {field.DataverseName}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// Registers an HttpHeader-auth webhook (x-api-key) with an asynchronous Update step on the table, and a post image
    /// of <paramref name="imageColumns"/> when given (comma list; empty: every column) as the installer registers one.
    /// </summary>
    public static async Task RegisterWebhookAsync(SandboxClient client, Uri url, string key, string table, string? imageColumns = null)
    {
        var authValue = $"<settings><setting name=\"x-api-key\" value=\"{key}\" /></settings>";
        var endpointJson = JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = "crmx scoring", ["url"] = url.ToString(), ["contract"] = 8, ["authtype"] = 5, ["authvalue"] = authValue, ["messageformat"] = 2 });
        using var endpoint = await client.SendAsync(HttpMethod.Post, "serviceendpoints", endpointJson);
        endpoint.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var endpointId = endpoint.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1];
        var filterId = (await client.GetJsonAsync($"sdkmessagefilters?$select=sdkmessagefilterid&$filter=primaryobjecttypecode eq '{table}' and _sdkmessageid_value eq {UpdateMessage}"))
            .GetProperty("value")[0].GetProperty("sdkmessagefilterid").GetString();
        var stepJson = $"{{\"name\":\"{table} Update → crmx\",\"stage\":40,\"mode\":1,\"rank\":1,"
            + $"\"sdkmessageid@odata.bind\":\"/sdkmessages({UpdateMessage})\",\"sdkmessagefilterid@odata.bind\":\"/sdkmessagefilters({filterId})\","
            + $"\"eventhandler_serviceendpoint@odata.bind\":\"/serviceendpoints({endpointId})\",\"supporteddeployment\":0,\"asyncautodelete\":true}}";
        using var step = await client.SendAsync(HttpMethod.Post, "sdkmessageprocessingsteps", stepJson);
        step.StatusCode.ShouldBe(HttpStatusCode.NoContent, await step.Content.ReadAsStringAsync());
        if (imageColumns is not null)
        {
            var stepId = step.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1];
            var imageJson = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["name"] = "crmx post image", ["entityalias"] = "PostImage", ["imagetype"] = 1, ["messagepropertyname"] = "Target",
                ["attributes"] = imageColumns, ["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({stepId})",
            });
            using var image = await client.SendAsync(HttpMethod.Post, "sdkmessageprocessingstepimages", imageJson);
            image.StatusCode.ShouldBe(HttpStatusCode.NoContent, await image.Content.ReadAsStringAsync());
        }
    }

    private static string Definition(OutputField field)
    {
        var label = new { LocalizedLabels = new[] { new { Label = field.DisplayName, LanguageCode = 1033 } } };
        object body = field.Type switch
        {
            OutputFieldType.WholeNumber => new Dictionary<string, object?> { ["@odata.type"] = "Microsoft.Dynamics.CRM.IntegerAttributeMetadata", ["SchemaName"] = field.DataverseName, ["DisplayName"] = label, ["MinValue"] = field.Minimum, ["MaxValue"] = field.Maximum },
            OutputFieldType.DecimalNumber => new Dictionary<string, object?> { ["@odata.type"] = "Microsoft.Dynamics.CRM.DecimalAttributeMetadata", ["SchemaName"] = field.DataverseName, ["DisplayName"] = label },
            OutputFieldType.Text => new Dictionary<string, object?> { ["@odata.type"] = "Microsoft.Dynamics.CRM.StringAttributeMetadata", ["SchemaName"] = field.DataverseName, ["DisplayName"] = label, ["MaxLength"] = field.MaxLength },
            OutputFieldType.LongText => new Dictionary<string, object?> { ["@odata.type"] = "Microsoft.Dynamics.CRM.MemoAttributeMetadata", ["SchemaName"] = field.DataverseName, ["DisplayName"] = label, ["MaxLength"] = field.MaxLength },
            OutputFieldType.DateTime => new Dictionary<string, object?> { ["@odata.type"] = "Microsoft.Dynamics.CRM.DateTimeAttributeMetadata", ["SchemaName"] = field.DataverseName, ["DisplayName"] = label },
            OutputFieldType.Choice => new Dictionary<string, object?>
            {
                ["@odata.type"] = "Microsoft.Dynamics.CRM.PicklistAttributeMetadata", ["SchemaName"] = field.DataverseName, ["DisplayName"] = label,
                ["OptionSet"] = new { Options = field.Options.Select(o => new { Value = o.DataverseValue, Label = new { LocalizedLabels = new[] { new { o.Label, LanguageCode = 1033 } } } }) },
            },
            _ => throw new InvalidOperationException($"No column type for {field.Type}."),
        };
        return JsonSerializer.Serialize(body);
    }
}
