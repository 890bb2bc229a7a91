using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmExtensions.Connectors.Dataverse.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Validate_MissingSettings_NamesEachSetting()
    {
        var options = new DataverseOptions { PageSize = 6000, BatchSize = 1001 };

        var failures = options.Validate();

        failures.ShouldContain(f => f.StartsWith("Crmx:Dataverse:EnvironmentUrl", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Crmx:Dataverse:Authority or Crmx:Dataverse:TenantId", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Crmx:Dataverse:ClientId", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Crmx:Dataverse:ClientSecret", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Crmx:Dataverse:PageSize", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Crmx:Dataverse:BatchSize", StringComparison.Ordinal));
        Should.Throw<ArgumentException>(() => DataverseConnector.Create(options)).Message.ShouldContain("Crmx:Dataverse:ClientId");
    }

    [Fact]
    public void AddDataverseConnector_BindsFromConfigurationAndValidates()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crmx:Dataverse:EnvironmentUrl"] = "https://contoso.crm4.dynamics.com",
            ["Crmx:Dataverse:TenantId"] = "00000000-0000-0000-0000-000000000001",
            ["Crmx:Dataverse:ClientId"] = "11111111-1111-1111-1111-111111111111",
            ["Crmx:Dataverse:Tables:0"] = "lead",
            ["Crmx:Dataverse:PageSize"] = "7000",
        }).Build();
        using var provider = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddDataverseConnector(configuration).BuildServiceProvider();

        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataverseOptions>>().Value);

        error.Failures.ShouldContain(f => f.StartsWith("Crmx:Dataverse:ClientSecret", StringComparison.Ordinal));
        error.Failures.ShouldContain(f => f.StartsWith("Crmx:Dataverse:PageSize", StringComparison.Ordinal));
        error.Failures.Count().ShouldBe(2);
    }

    [Fact]
    public void Validate_PlainHttpOutsideLoopback_IsRefused()
    {
        var options = Valid();
        options.EnvironmentUrl = new Uri("http://contoso.crm.dynamics.com");

        options.Validate().ShouldHaveSingleItem().ShouldStartWith("Crmx:Dataverse:EnvironmentUrl");
    }

    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        var options = Valid();

        options.Validate().ShouldBeEmpty();
        options.ToString().ShouldNotContain("s3cr3t-value");
        options.ToString().ShouldContain("ClientSecret=***");
    }

    [Fact]
    public async Task Check_WrongSecret_ReportsProblemNamingTheSettings()
    {
        await using var sandbox = await Sandbox.SandboxServer.StartAsync(new Sandbox.SandboxOptions { Port = 0, Scale = 20 });
        var options = CrmTruth.Options(sandbox);
        options.ClientSecret = "wrong";
        using var connector = DataverseConnector.Create(options);

        var result = await connector.Source.CheckAsync();

        result.Org.ShouldBeNull();
        result.Problems.ShouldHaveSingleItem().ShouldContain("ClientSecret");
        result.Problems[0].ShouldNotContain("wrong");
    }

    private static DataverseOptions Valid() => new()
    {
        EnvironmentUrl = new Uri("https://contoso.crm4.dynamics.com"),
        TenantId = "00000000-0000-0000-0000-000000000001",
        ClientId = "11111111-1111-1111-1111-111111111111",
        ClientSecret = "s3cr3t-value",
    };
}
