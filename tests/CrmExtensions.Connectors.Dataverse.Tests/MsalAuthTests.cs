using System.Security.Cryptography.X509Certificates;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>Tokens through MSAL against the sandbox's Entra-like token endpoint over HTTPS: secrets and certificates.</summary>
public sealed class MsalAuthTests : IAsyncLifetime
{
    private const string TokenPath = "/oauth2/v2.0/token";
    private RunningSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await HttpsSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Secret_ManyCalls_OneTokenRequest()
    {
        using var transport = new RecordingHandler(HttpsSandbox.PinnedTransport(_sandbox));
        using var connector = DataverseConnector.Create(CrmTruth.Options(_sandbox), transport);

        (await connector.Source.CheckAsync()).Ok.ShouldBeTrue();
        await connector.Source.DiscoverAsync();
        (await connector.Source.CheckAsync()).Ok.ShouldBeTrue();

        transport.Attempts.Count(a => a.Path.EndsWith(TokenPath, StringComparison.Ordinal)).ShouldBe(1);
        transport.Attempts.Count(a => !a.Path.EndsWith(TokenPath, StringComparison.Ordinal)).ShouldBeGreaterThan(3);
        _sandbox.Credentials.Authority.Scheme.ShouldBe("https");
    }

    [Fact]
    public async Task Secret_TokenCloseToExpiry_IsRenewedBeforeUse()
    {
        // The sandbox issues tokens that live 4 minutes: inside MSAL's 5-minute renewal margin, so each call gets a fresh one.
        await using var sandbox = await HttpsSandbox.StartAsync(tokenLifetime: TimeSpan.FromMinutes(4));
        using var transport = new RecordingHandler(HttpsSandbox.PinnedTransport(sandbox));
        using var connector = DataverseConnector.Create(CrmTruth.Options(sandbox), transport);

        (await connector.Source.CheckAsync()).Ok.ShouldBeTrue();
        var apiCalls = transport.Attempts.Count(a => !a.Path.EndsWith(TokenPath, StringComparison.Ordinal));

        transport.Attempts.Count(a => a.Path.EndsWith(TokenPath, StringComparison.Ordinal)).ShouldBe(apiCalls);
        transport.Attempts.ShouldAllBe(a => a.Status != 401);
    }

    [Fact]
    public async Task Unauthorized_IsRetriedExactlyOnceWithANewToken()
    {
        using var transport = new RecordingHandler(HttpsSandbox.PinnedTransport(_sandbox));
        using var connector = DataverseConnector.Create(CrmTruth.Options(_sandbox), transport);
        using var admin = new HttpClient(HttpsSandbox.PinnedTransport(_sandbox));
        // Every API request now finds its token expired: the connector refreshes once, retries once, then gives up.
        await SetTokenExpiryAsync(admin, 1.0);

        try
        {
            var result = await connector.Source.CheckAsync();

            result.Org.ShouldBeNull();
            transport.Attempts.Where(a => a.Path.EndsWith("/WhoAmI", StringComparison.Ordinal)).Select(a => a.Status).ShouldBe([401, 401]);
            transport.Attempts.Count(a => a.Path.EndsWith(TokenPath, StringComparison.Ordinal)).ShouldBe(2);
        }
        finally
        {
            await SetTokenExpiryAsync(admin, 0);
        }
    }

    [Fact]
    public async Task Secret_Wrong_ProblemNamesSettingsNotTheSecret()
    {
        var options = CrmTruth.Options(_sandbox);
        options.ClientSecret = "not-the-secret-42";
        using var transport = HttpsSandbox.PinnedTransport(_sandbox);
        using var connector = DataverseConnector.Create(options, transport);

        var result = await connector.Source.CheckAsync();

        result.Org.ShouldBeNull();
        result.Problems.ShouldHaveSingleItem().ShouldContain("invalid_client");
        result.Problems[0].ShouldContain("ClientSecret");
        result.Problems[0].ShouldNotContain("not-the-secret-42");
    }

    [Fact]
    public async Task Certificate_PfxWithPassword_SignsInAndCheckReportsExpiry()
    {
        var notAfter = DateTimeOffset.UtcNow.AddDays(200);
        using var certificate = HttpsSandbox.ClientCertificate(DateTimeOffset.UtcNow.AddDays(-1), notAfter);
        _sandbox.RegisterClientCertificate(certificate);
        var path = Path.Combine(Path.GetTempPath(), $"crmx-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, "pfx-pass-7"));
        try
        {
            var options = CertificateOptions();
            options.CertificatePath = path;
            options.CertificatePassword = "pfx-pass-7";
            using var transport = HttpsSandbox.PinnedTransport(_sandbox);
            using var connector = DataverseConnector.Create(options, transport);

            var result = await connector.Source.CheckAsync();

            result.Ok.ShouldBeTrue(string.Join("; ", result.Problems));
            result.Notes.ShouldHaveSingleItem().ShouldContain($"expires on {notAfter.UtcDateTime:yyyy-MM-dd}");
            result.Notes[0].ShouldContain(certificate.Thumbprint);
            options.ToString().ShouldNotContain("pfx-pass-7");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Certificate_PemText_SignsInAndWarnsWhenExpiringSoon()
    {
        using var certificate = HttpsSandbox.ClientCertificate(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10));
        _sandbox.RegisterClientCertificate(certificate);
        var options = CertificateOptions();
        options.CertificatePem = certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem();
        using var transport = HttpsSandbox.PinnedTransport(_sandbox);
        using var connector = DataverseConnector.Create(options, transport);

        var result = await connector.Source.CheckAsync();

        result.Ok.ShouldBeTrue(string.Join("; ", result.Problems));
        result.Notes.ShouldHaveSingleItem().ShouldContain("renew it soon");
    }

    [Fact]
    public async Task Certificate_NotRegistered_IsRefusedByTheTokenEndpoint()
    {
        using var certificate = HttpsSandbox.ClientCertificate(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var options = CertificateOptions();
        options.CertificatePem = certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem();
        using var transport = HttpsSandbox.PinnedTransport(_sandbox);
        using var connector = DataverseConnector.Create(options, transport);

        var result = await connector.Source.CheckAsync();

        result.Org.ShouldBeNull();
        result.Problems.ShouldHaveSingleItem().ShouldContain("AADSTS700027");
    }

    [Fact]
    public async Task Certificate_Expired_IsAProblemAndRefused()
    {
        using var certificate = HttpsSandbox.ClientCertificate(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        _sandbox.RegisterClientCertificate(certificate);
        var options = CertificateOptions();
        options.CertificatePem = certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem();
        using var transport = HttpsSandbox.PinnedTransport(_sandbox);
        using var connector = DataverseConnector.Create(options, transport);

        var result = await connector.Source.CheckAsync();

        result.Org.ShouldBeNull();
        result.Problems.ShouldContain(p => p.Contains("expired on", StringComparison.Ordinal));
        result.Problems.ShouldContain(p => p.Contains("AADSTS700027", StringComparison.Ordinal));
    }

    [Fact]
    public void Certificate_PfxWithWrongPassword_FailsNamingTheSettingNotThePassword()
    {
        using var certificate = HttpsSandbox.ClientCertificate(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(Path.GetTempPath(), $"crmx-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "right-pass"));
        try
        {
            var options = CertificateOptions();
            options.CertificatePath = path;
            options.CertificatePassword = "wrong-pass-9";

            var error = Should.Throw<DataverseException>(() => DataverseConnector.Create(options));

            error.Message.ShouldContain("Crmx:Dataverse:CertificatePath");
            error.Message.ShouldNotContain("wrong-pass-9");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_SecretAndCertificate_IsRefused()
    {
        var options = CertificateOptions();
        options.ClientSecret = "x";
        options.CertificatePem = "-----BEGIN CERTIFICATE-----";

        options.Validate().ShouldHaveSingleItem().ShouldContain("use one credential");
    }

    private DataverseOptions CertificateOptions()
    {
        var options = CrmTruth.Options(_sandbox);
        options.ClientSecret = null;
        return options;
    }

    private async Task SetTokenExpiryAsync(HttpClient admin, double probability)
    {
        using var body = new StringContent($"{{\"tokenExpiry\":{probability.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}", System.Text.Encoding.UTF8, "application/json");
        using var response = await admin.PutAsync(new Uri(_sandbox.BaseUrl, "_sandbox/faults"), body);
        response.EnsureSuccessStatusCode();
    }
}
