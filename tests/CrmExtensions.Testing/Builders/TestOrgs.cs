using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Testing.Builders;

/// <summary>Organisation ids for tests. <see cref="Production"/> and <see cref="Uat"/> model a CRM and its copy.</summary>
public static class TestOrgs
{
    public static OrgId Production { get; } = OrgId.Parse("11111111-1111-1111-1111-111111111111");

    public static OrgId Uat { get; } = OrgId.Parse("22222222-2222-2222-2222-222222222222");

    /// <summary>A fresh org id, so tests sharing one database never see each other's rows.</summary>
    public static OrgId Unique() => OrgId.Parse(Guid.NewGuid().ToString());
}
