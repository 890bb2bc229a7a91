using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// Puts our output columns on the sandbox's tables through the Dataverse metadata Web API (dataverse.md §7), as an
/// admin's install would. A stand-in until <c>crmx install</c> (issue 11) does this for real orgs.
/// </summary>
internal static class SandboxColumns
{
    public static async Task InstallAsync(HttpClient http, RunningSandbox sandbox, SandboxOrg org, IEnumerable<OutputField> fields, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(http, sandbox, org, cancellationToken);
        foreach (var field in fields)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(org.ApiUrl, $"EntityDefinitions(LogicalName='{field.DataverseTable}')/Attributes"))
            {
                Content = new StringContent(Definition(field), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"Could not create column {field.DataverseTable}.{field.DataverseName} in the sandbox: HTTP {(int)response.StatusCode}.");
            }
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

    // The documented client-credentials request (dataverse.md §5) with the sandbox's test credentials.
    private static async Task<string> TokenAsync(HttpClient http, RunningSandbox sandbox, SandboxOrg org, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = sandbox.Credentials.ClientId,
            ["client_secret"] = sandbox.Credentials.ClientSecret,
            ["scope"] = org.Scope,
        });
        using var response = await http.PostAsync(sandbox.Credentials.TokenEndpoint, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
