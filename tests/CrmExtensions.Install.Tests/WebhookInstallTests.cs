using System.Text.Json;
using CrmExtensions.Install.Dataverse;
using CrmExtensions.Sandbox.Tests;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Tests;

/// <summary>The webhook endpoint, steps and images against the sandbox's registration tables (dataverse.md §6).</summary>
public sealed class WebhookInstallTests : SandboxOrgFixture
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Features = new()
    {
        ["lead"] = ["jobtitle", "companyname", "leadsourcecode", "crmx_score"],
        ["opportunity"] = ["estimatedvalue"],
    };

    private static WebhookRegistration Hook(string url = "https://scoring.example.com/intake/dataverse", string key = "first-key-0123456789") =>
        new(new Uri(url), key, Features);

    [Fact]
    public async Task Install_WithWebhook_RegistersAsyncPostOperationStepsFilteredOnFeatureColumns()
    {
        var report = await new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default).InstallAsync(Hook());

        report.Actions.Count(a => a.Component == "step" && a.Kind == InstallActionKind.Created).ShouldBe(4);
        report.Actions.Count(a => a.Component == "image" && a.Kind == InstallActionKind.Created).ShouldBe(4);
        var endpoint = (await GetAsync("serviceendpoints"))!.Value.GetProperty("value").EnumerateArray().ShouldHaveSingleItem();
        endpoint.GetProperty("contract").GetInt32().ShouldBe(8);
        endpoint.GetProperty("authtype").GetInt32().ShouldBe(4);
        endpoint.GetProperty("messageformat").GetInt32().ShouldBe(2);
        var steps = (await GetAsync("sdkmessageprocessingsteps"))!.Value.GetProperty("value").EnumerateArray().ToList();
        steps.Count.ShouldBe(4);
        steps.ShouldAllBe(s => s.GetProperty("stage").GetInt32() == 40 && s.GetProperty("mode").GetInt32() == 1 && s.GetProperty("asyncautodelete").GetBoolean());
        steps.ShouldAllBe(s => s.GetProperty("_eventhandler_value").GetString() == endpoint.GetProperty("serviceendpointid").GetString());
        var leadUpdate = steps.Single(s => s.GetProperty("name").GetString() == "CrmExtensions: lead Update");
        // Our own output column is dropped: write-back must not call the webhook back.
        leadUpdate.GetProperty("filteringattributes").GetString().ShouldBe("companyname,jobtitle,leadsourcecode");
        var images = (await GetAsync("sdkmessageprocessingstepimages"))!.Value.GetProperty("value").EnumerateArray().ToList();
        images.Count.ShouldBe(4);
        images.Single(i => i.GetProperty("_sdkmessageprocessingstepid_value").GetString() == leadUpdate.GetProperty("sdkmessageprocessingstepid").GetString())
            .GetProperty("attributes").GetString().ShouldBe("companyname,jobtitle,leadsourcecode");
    }

    [Fact]
    public async Task Install_WithWebhookSecondRun_MakesZeroWriteCalls()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default);
        await installer.InstallAsync(Hook());
        Wire.Reset();

        var second = await installer.InstallAsync(Hook());

        Wire.Writes.ShouldBe(0, string.Join(Environment.NewLine, Wire.Requests));
        second.Actions.ShouldAllBe(a => a.Kind == InstallActionKind.Unchanged);
    }

    [Fact]
    public async Task Install_UrlAndKeyRotated_PatchesTheEndpointInPlaceWithoutDuplicates()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default);
        await installer.InstallAsync(Hook());
        var before = (await GetAsync("serviceendpoints"))!.Value.GetProperty("value")[0].GetProperty("serviceendpointid").GetString();
        Wire.Reset();

        var rotated = await installer.InstallAsync(Hook("https://scoring2.example.com/intake/dataverse", "second-key-0123456789"));

        rotated.Actions.Single(a => a.Component == "endpoint").ShouldBe(new InstallAction("endpoint", "CrmExtensions webhook", InstallActionKind.Updated, "url, key"));
        Wire.Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal)).ShouldBe([$"PATCH {ApiRoot.AbsolutePath}serviceendpoints({before})"]);
        var endpoints = (await GetAsync("serviceendpoints"))!.Value.GetProperty("value").EnumerateArray().ToList();
        endpoints.ShouldHaveSingleItem().GetProperty("url").GetString().ShouldBe("https://scoring2.example.com/intake/dataverse");
        (await GetAsync("sdkmessageprocessingsteps"))!.Value.GetProperty("value").GetArrayLength().ShouldBe(4);
        JsonSerializer.Serialize(rotated).ShouldNotContain("second-key");
    }

    [Fact]
    public async Task Install_FeatureColumnsChanged_PatchesStepAndImage()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default);
        await installer.InstallAsync(Hook());

        var changed = await installer.InstallAsync(Hook() with { FeatureColumns = new Dictionary<string, IReadOnlyList<string>> { ["lead"] = ["jobtitle"], ["opportunity"] = ["estimatedvalue"] } });

        changed.Actions.Single(a => a.Component == "step" && a.Kind == InstallActionKind.Updated).Name.ShouldBe("CrmExtensions: lead Update");
        changed.Actions.Count(a => a.Component == "image" && a.Kind == InstallActionKind.Updated).ShouldBe(2);
        (await GetAsync("sdkmessageprocessingsteps"))!.Value.GetProperty("value").GetArrayLength().ShouldBe(4);
    }

    [Fact]
    public async Task Uninstall_WithoutColumns_RemovesStepsImagesAndEndpointButKeepsColumns()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default);
        await installer.InstallAsync(Hook());

        await installer.UninstallAsync(columns: false);
        Wire.Reset();
        var again = await installer.UninstallAsync(columns: false);

        (await GetAsync("serviceendpoints"))!.Value.GetProperty("value").GetArrayLength().ShouldBe(0);
        (await GetAsync("sdkmessageprocessingsteps"))!.Value.GetProperty("value").GetArrayLength().ShouldBe(0);
        (await GetAsync("sdkmessageprocessingstepimages"))!.Value.GetProperty("value").GetArrayLength().ShouldBe(0);
        (await GetAsync("EntityDefinitions(LogicalName='lead')/Attributes(LogicalName='crmx_score')")).ShouldNotBeNull();
        again.Actions.ShouldHaveSingleItem().Kind.ShouldBe(InstallActionKind.Absent);
        Wire.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Installed_FeatureColumnChanged_DeliversOnceWithTheKeyAndOutputWriteDoesNot()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = new WebhookRegistration(receiver.Url, "end-to-end-key-0123456789", new Dictionary<string, IReadOnlyList<string>> { ["lead"] = ["companyname"] });
        await new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default).InstallAsync(hook);
        var id = (await GetAsync("leads?$select=leadid&$top=1"))!.Value.GetProperty("value")[0].GetProperty("leadid").GetString();

        // Write-back of our output first, then a user's change of a feature column: only the second may be delivered.
        await SendAsync(HttpMethod.Patch, $"leads({id})", """{"crmx_score":87}""");
        await SendAsync(HttpMethod.Patch, $"leads({id})", """{"companyname":"Renamed Ltd"}""");

        (await receiver.WaitForAsync(1)).ShouldBeTrue();
        var delivery = receiver.Received.ShouldHaveSingleItem();
        delivery.Query.ShouldBe("?code=end-to-end-key-0123456789");
        delivery.Headers["x-ms-dynamics-entity-name"].ShouldBe("lead");
        using var context = JsonDocument.Parse(delivery.Body);
        context.RootElement.GetProperty("PrimaryEntityId").GetString().ShouldBe(id);
        context.RootElement.GetProperty("Stage").GetInt32().ShouldBe(40);
        context.RootElement.GetProperty("Mode").GetInt32().ShouldBe(1);
        // The first delivery is the user's change (dispatch is in order), so the output write did not fire.
        var changed = context.RootElement.GetProperty("InputParameters")[0].GetProperty("value").GetProperty("Attributes").EnumerateArray().Select(a => a.GetProperty("key").GetString()).ToList();
        changed.ShouldContain("companyname");
        changed.ShouldNotContain("crmx_score");
    }

    [Fact]
    public async Task Install_ShortKey_FailsBeforeAnyCall()
    {
        var error = await Should.ThrowAsync<InstallException>(() => new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default).InstallAsync(Hook(key: "short")));

        error.Message.ShouldContain("Webhook key");
        error.Message.ShouldNotContain("short");
        Wire.Requests.ShouldBeEmpty();
    }
}
