using System.Security.Cryptography;
using CrmExtensions.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>Client credentials and JWT bearer (salesforce.md §1a, §1b), one re-authentication on 401 (§1d), secrets never shown.</summary>
public sealed class AuthTests
{
    private const string Secret = "not-the-right-secret-7f3a";

    [Theory]
    [InlineData("Session expired or invalid")]
    [InlineData("This session is not valid for use with the REST API")]
    public async Task Read_SessionTimedOut_ReauthenticatesOnceAndReads(string message)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0, Scale = 60, TimeProvider = clock, Salesforce = new SalesforceSettings { InvalidSessionMessage = message },
        });
        using var connector = SalesforceConnector.Create(SfTruth.Options(sandbox));
        var before = Reads.Records((await Reads.AllAsync(connector.Source, "Lead", null)).Batches).Count();

        // salesforce.md §1a: the session ends after 2 h of inactivity.
        clock.Advance(TimeSpan.FromHours(3));
        var after = Reads.Records((await Reads.AllAsync(connector.Source, "Lead", null)).Batches).Count();

        after.ShouldBe(before);
        connector.SessionsMinted.ShouldBe(2);
    }

    [Fact]
    public async Task Check_WrongSecret_ReportsTheSettingButNeverTheSecret()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 10 });
        var options = SfTruth.Options(sandbox);
        options.ClientSecret = Secret;
        using var connector = SalesforceConnector.Create(options);

        var result = await connector.Source.CheckAsync();

        result.Ok.ShouldBeFalse();
        result.Org.ShouldBeNull();
        var text = string.Join(" ", result.Problems);
        text.ShouldContain("ClientSecret");
        text.ShouldContain("invalid");
        text.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Check_JwtSignedWithAnotherKey_IsRefusedWithoutShowingTheKey()
    {
        using var trusted = RSA.Create(2048);
        using var other = RSA.Create(2048);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0, Scale = 10, Salesforce = new SalesforceSettings { JwtPublicKeyPem = trusted.ExportSubjectPublicKeyInfoPem() },
        });
        var options = SfTruth.Options(sandbox);
        options.ClientSecret = null;
        options.JwtUsername = "integration@crmx.example";
        var pem = other.ExportPkcs8PrivateKeyPem();
        options.JwtPrivateKeyPem = pem;
        using var connector = SalesforceConnector.Create(options);

        var result = await connector.Source.CheckAsync();

        result.Ok.ShouldBeFalse();
        string.Join(" ", result.Problems).ShouldContain("invalid_grant");
        string.Join(" ", result.Problems).ShouldNotContain(pem[30..60]);
    }

    [Fact]
    public async Task Check_JwtFromKeyFile_ReachesTheOrg()
    {
        using var key = RSA.Create(2048);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, key.ExportPkcs8PrivateKeyPem());
        try
        {
            await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                Port = 0, Scale = 10, Salesforce = new SalesforceSettings { JwtPublicKeyPem = key.ExportSubjectPublicKeyInfoPem() },
            });
            var options = SfTruth.Options(sandbox);
            options.ClientSecret = null;
            options.JwtUsername = "integration@crmx.example";
            options.JwtKeyFile = file;
            using var connector = SalesforceConnector.Create(options);

            var result = await connector.Source.CheckAsync();

            result.Problems.ShouldBeEmpty();
            result.Org.ShouldNotBeNull();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Create_BadSettings_NamesEachSettingAndNoSecret()
    {
        var options = new SalesforceOptions { LoginUrl = new Uri("http://acme.my.salesforce.com"), ClientSecret = null, ApiVersion = "v62", PageSize = 50, BudgetShare = 2 };

        var error = Should.Throw<ArgumentException>(() => SalesforceConnector.Create(options));

        error.Message.ShouldContain("Crmx:Salesforce:LoginUrl");
        error.Message.ShouldContain("Crmx:Salesforce:ClientId");
        error.Message.ShouldContain("Crmx:Salesforce:ClientSecret");
        error.Message.ShouldContain("Crmx:Salesforce:ApiVersion");
        error.Message.ShouldContain("Crmx:Salesforce:PageSize");
        error.Message.ShouldContain("Crmx:Salesforce:BudgetShare");
    }

    [Fact]
    public void ToString_RedactsSecretsAndKey()
    {
        var options = new SalesforceOptions { ClientSecret = Secret, JwtPrivateKeyPem = "-----BEGIN PRIVATE KEY-----abc", JwtKeyFilePassword = "pfx-password-9" };

        var text = options.ToString();

        text.ShouldNotContain(Secret);
        text.ShouldNotContain("BEGIN PRIVATE KEY");
        text.ShouldNotContain("pfx-password-9");
    }
}
