using System.Security.Cryptography;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>One small in-process sandbox shared by the tests of a class (500 leads; the default CRMX_ output fields installed).</summary>
public class SandboxFixture : IAsyncLifetime
{
    public RunningSandbox Sandbox { get; private set; } = null!;

    protected virtual SalesforceSettings Salesforce => new();

    public async Task InitializeAsync() =>
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 500, Seed = 1, Orgs = 1, Salesforce = Salesforce });

    /// <summary>The connector settings for this sandbox.</summary>
    public virtual SalesforceOptions Options(int pageSize = 200) => SfTruth.Options(Sandbox, pageSize: pageSize);

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}

/// <summary>
/// The UNVERIFIED variants of salesforce.md the sandbox offers, all at once: JWT bearer with a checked signature (§1b),
/// the other 401 message (§1d), <c>api_instance_url</c> in the token (§1a), <c>; per-app-api-usage=…</c> after the
/// usage (§5), and duplicates served as closed leads rather than merged (§2b).
/// </summary>
public sealed class VariantSandboxFixture : SandboxFixture, IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    protected override SalesforceSettings Salesforce => new()
    {
        JwtPublicKeyPem = _key.ExportSubjectPublicKeyInfoPem(),
        InvalidSessionMessage = "This session is not valid for use with the REST API",
        TokenIncludesApiInstanceUrl = true,
        LimitInfo = LimitInfoVariant.WithPerAppUsage,
        CanceledDuplicatesAsMerged = false,
    };

    public override SalesforceOptions Options(int pageSize = 200)
    {
        var options = base.Options(pageSize);
        options.ClientSecret = null;
        options.JwtUsername = "integration@crmx.example";
        options.JwtPrivateKeyPem = _key.ExportPkcs8PrivateKeyPem();
        return options;
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>The other limit-header variant (<c>; api-bursts=N/750</c>, salesforce.md §5) and the doc's ingest contentUrl form (§4a).</summary>
public sealed class BurstsSandboxFixture : SandboxFixture
{
    protected override SalesforceSettings Salesforce => new() { LimitInfo = LimitInfoVariant.WithApiBursts, ContentUrlVersionWithV = false };
}
