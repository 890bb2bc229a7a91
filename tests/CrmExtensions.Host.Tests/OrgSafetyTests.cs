using System.Net;
using System.Text;
using CrmExtensions.Host.Configuration;
using CrmExtensions.Host.Connections;
using CrmExtensions.Jobs.Alerts;
using CrmExtensions.Jobs.Tests.Alerts;
using CrmExtensions.Scoring.Outputs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Tests;

/// <summary>A UAT copy shares production's record ids: the UAT pipeline must never reach production, and production's events are refused.</summary>
[Collection(ServedOrgPairGroup.Name)]
public sealed class OrgSafetyTests(ServedOrgPair pair)
{
    private static readonly Guid SomeUser = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    [Fact]
    public async Task UatPipeline_WritesScoresIntoUatOnly_ThoughProductionHasTheSameRecordIds()
    {
        var uatIds = await IdsAsync(pair.Uat, "leads?$select=leadid");
        var productionIds = await IdsAsync(pair.Production, "leads?$select=leadid");
        uatIds.Intersect(productionIds).Count().ShouldBeGreaterThan(100, "the two orgs must share record ids for this test to mean anything");

        (await IdsAsync(pair.Uat, "leads?$select=leadid&$filter=crmx_score ne null")).Count.ShouldBeGreaterThan(0);
        (await IdsAsync(pair.Production, "leads?$select=leadid&$filter=crmx_score ne null")).ShouldBeEmpty();
        (await pair.ScalarAsync("SELECT COUNT(*) FROM outputs WHERE org = $o", ("$o", pair.Production.Org.OrganizationId.ToString()))).ShouldBe(0);
        (await pair.ScalarAsync("SELECT COUNT(*) FROM outputs WHERE org = $o", ("$o", pair.Uat.Org.OrganizationId.ToString()))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ProductionEvent_WithTheUatKey_IsRejected403_StoredNowhere_AndAlerted()
    {
        var production = pair.Production.Org.OrganizationId;
        var sharedId = (await IdsAsync(pair.Uat, "leads?$select=leadid&$top=1")).Single();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(pair.BaseUrl, "api/webhooks/dataverse"))
        {
            Content = new StringContent(Payloads.Dataverse(production, "lead", sharedId, Guid.NewGuid(), SomeUser), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", ServedOrgPair.WebhookKey);

        using var response = await pair.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pair.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE org = $o", ("$o", production.ToString()))).ShouldBe(0);
        (await pair.AlertChannel.WaitForAsync(1)).ShouldBeTrue();
        pair.AlertTexts.ShouldContain(t => t.Contains(AlertKinds.UnknownOrg, StringComparison.Ordinal) && t.Contains(production.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task UatConnection_RepointedAtProduction_IsRefusedBeforeAnySync_AndAlerted()
    {
        // The UAT settings with production's URL pasted in: the check reaches production, which is not the configured org.
        var settings = pair.Settings();
        settings["Crmx:Host:Connections:0:Dataverse:EnvironmentUrl"] = pair.Production.Org.Url.ToString();
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(ServeOptions.Section).Get<ServeOptions>()!;
        var alerts = new RecordingAlertSink();
        using var catalog = new ConnectionCatalog(Options.Create(options), pair.Store, alerts: alerts);
        var productionWritesBefore = await pair.Production.WriteCallsAsync();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => catalog.ReadyAsync("uat", CancellationToken.None));

        refused.Message.ShouldContain($"not the configured {pair.Uat.Org.OrganizationId}");
        var alert = alerts.Raised.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(AlertKinds.UnknownOrg);
        alert.Org.ShouldBe(pair.Production.Org.OrganizationId.ToString());
        (await pair.Production.WriteCallsAsync()).ShouldBe(productionWritesBefore);
        (await pair.ScalarAsync("SELECT COUNT(*) FROM outputs WHERE org = $o", ("$o", pair.Production.Org.OrganizationId.ToString()))).ShouldBe(0);
    }

    [Fact]
    public async Task ClientSecretExpiringWithinTheWarningPeriod_IsAlertedAtStart()
    {
        (await pair.AlertChannel.WaitForAsync(1)).ShouldBeTrue();
        pair.AlertTexts.ShouldContain(t => t.Contains(AlertKinds.CredentialExpiry, StringComparison.Ordinal)
            && t.Contains("Crmx:Dataverse:ClientSecret", StringComparison.Ordinal) && t.Contains("in 12 days", StringComparison.Ordinal));
        pair.AlertTexts.ShouldNotContain(t => t.Contains(pair.Sandbox.Credentials.ClientSecret, StringComparison.Ordinal));
        pair.App.Services.GetRequiredService<IAlertSink>().ShouldBeOfType<DeduplicatingAlertSink>();
    }

    private static async Task<List<string>> IdsAsync(SandboxClient client, string query)
    {
        var ids = new List<string>();
        var json = await client.GetJsonAsync(query);
        foreach (var row in json.GetProperty("value").EnumerateArray())
        {
            ids.Add(row.GetProperty("leadid").GetString()!);
        }

        return ids;
    }
}
