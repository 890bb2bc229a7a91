using System.Text.Json;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Tests;

/// <summary><c>crmx check</c> warns before the configured client secret expires (docs/SECURITY.md "Secret expiry warnings").</summary>
public sealed class CheckWarningTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-check-").FullName;
    private RunningSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 30, Seed = 2 });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(5, 30, true)]
    [InlineData(45, 30, false)]
    [InlineData(45, 60, true)]
    public async Task Check_SecretExpiringWithinTheWarningDays_PrintsAWarningWithoutTheSecret(int daysLeft, int warningDays, bool warned)
    {
        var config = Path.Combine(_folder, $"crmx-{daysLeft}-{warningDays}.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Crmx = new
            {
                Dataverse = new
                {
                    EnvironmentUrl = _sandbox.Orgs[0].Url,
                    Authority = _sandbox.Credentials.Authority,
                    _sandbox.Credentials.ClientId,
                    _sandbox.Credentials.ClientSecret,
                    ClientSecretExpiresOn = DateTimeOffset.UtcNow.AddDays(daysLeft).AddHours(1),
                    Tables = new[] { "lead" },
                },
                Alerts = new { CredentialWarningDays = warningDays },
            },
        }));

        var (code, output, error) = await Cli.Run("check", "--crm", "dataverse", "--json", "--config", config, "--data", _folder);

        code.ShouldBe(0, error);
        var warnings = JsonDocument.Parse(output).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        if (warned)
        {
            warnings.ShouldHaveSingleItem().ShouldContain($"Crmx:Dataverse:ClientSecret expires on");
            warnings[0].ShouldContain($"in {daysLeft + 1} days");
        }
        else
        {
            warnings.ShouldBeEmpty();
        }

        output.ShouldNotContain(_sandbox.Credentials.ClientSecret);
    }
    [Fact]
    public async Task Check_SecretFromASecretsFolder_ReachesTheOrg_AndAMissingFolderIsAUsageError()
    {
        var config = Path.Combine(_folder, "no-secret.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Crmx = new
            {
                Dataverse = new
                {
                    EnvironmentUrl = _sandbox.Orgs[0].Url,
                    Authority = _sandbox.Credentials.Authority,
                    _sandbox.Credentials.ClientId,
                    Tables = new[] { "lead" },
                },
            },
        }));
        var secrets = Directory.CreateDirectory(Path.Combine(_folder, "secrets")).FullName;

        // As `echo secret > file` or a Kubernetes secret volume leaves it: a trailing newline.
        await File.WriteAllTextAsync(Path.Combine(secrets, "Crmx__Dataverse__ClientSecret"), _sandbox.Credentials.ClientSecret + "\n");
        var (code, output, error) = await Cli.Run("check", "--crm", "dataverse", "--json", "--config", config, "--secrets", secrets, "--data", _folder);
        var (withoutCode, _, withoutError) = await Cli.Run("check", "--crm", "dataverse", "--config", config, "--data", _folder);
        var (missingCode, _, missingError) = await Cli.Run("check", "--crm", "dataverse", "--config", config, "--secrets", Path.Combine(_folder, "nowhere"), "--data", _folder);

        code.ShouldBe(0, error);
        JsonDocument.Parse(output).RootElement.GetProperty("ok").GetBoolean().ShouldBeTrue();
        withoutCode.ShouldBe(2);
        withoutError.ShouldContain("Crmx:Dataverse:ClientSecret");
        missingCode.ShouldBe(2);
        missingError.ShouldContain("--secrets");
    }
}
