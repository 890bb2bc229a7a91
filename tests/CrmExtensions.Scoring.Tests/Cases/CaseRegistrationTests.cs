using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Tests.Cases;

public sealed class CaseRegistrationTests
{
    private static CaseFigures Figures(double f1, double autoShare, double autoPrecision) =>
        new(500, 0.8, 0.8, f1, 0.8, autoShare, 0.3, 0.7 - autoShare, autoPrecision, 0.75, 0.2);

    [Fact]
    public void Compare_MacroF1NotWorse_Promotes()
    {
        var (promote, reason) = CaseRegistration.Compare(Figures(0.80, 0.4, 0.9), Figures(0.80, 0.5, 0.95), 3, 500);

        promote.ShouldBeTrue();
        reason.ShouldContain("macro-F1 0.8000 ≥ champion v3's 0.8000 on the same 500 hold-out cases");
    }

    [Fact]
    public void Compare_F1WorseButAutoTierNotWorse_Promotes()
    {
        var (promote, reason) = CaseRegistration.Compare(Figures(0.78, 0.5, 0.93), Figures(0.80, 0.45, 0.92), 3, 500);

        promote.ShouldBeTrue();
        reason.ShouldContain("not worse");
    }

    [Theory]
    [InlineData(0.5, 0.90)] // auto precision worse
    [InlineData(0.4, 0.95)] // auto coverage worse
    [InlineData(0.5, double.NaN)] // nothing auto-applied
    public void Compare_F1AndAutoTierWorse_KeepsChampionWithReason(double autoShare, double autoPrecision)
    {
        var (promote, reason) = CaseRegistration.Compare(Figures(0.78, autoShare, autoPrecision), Figures(0.80, 0.45, 0.92), 3, 500);

        promote.ShouldBeFalse();
        reason.ShouldContain("macro-F1 0.7800 < champion v3's 0.8000");
        reason.ShouldContain("champion v3 kept");
    }

    [Fact]
    public void InHoldout_IsStableAndAboutTheConfiguredShare()
    {
        var ids = Enumerable.Range(0, 10_000).Select(i => new Guid(i, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8).ToString()).ToArray();

        var share = ids.Count(CaseRegistration.InHoldout) / (double)ids.Length;

        share.ShouldBeInRange(0.18, 0.22);
        ids.Where(CaseRegistration.InHoldout).ShouldBe(ids.Where(id => CaseRegistration.InHoldout(id.ToUpperInvariant())));
    }

    [Theory]
    [InlineData("0", "Active", true)]
    [InlineData("1", "Resolved", false)]
    [InlineData("2", null, false)]
    public void IsOpen_DataverseStateCode_ByValueOrLabel(string value, string? label, bool open)
    {
        var spec = CaseSpecs.For(CrmKind.Dataverse)[0];
        var org = OrgId.Parse(Guid.NewGuid().ToString());
        var record = CrmRecord.Create(org, "incident", Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch,
            [new("statecode", new OptionValue(value, label))]);

        spec.IsOpen(record).ShouldBe(open);
        spec.IsOpen(CrmRecord.Create(org, "incident", Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch, [])).ShouldBeTrue("state not synced counts as open");
    }

    [Fact]
    public void IsOpen_SalesforceIsClosed()
    {
        var spec = CaseSpecs.For(CrmKind.Salesforce)[0];
        var org = OrgId.Parse(Guid.NewGuid().ToString());
        CrmRecord Case(bool closed) => CrmRecord.Create(org, "Case", "500000000000001AAA", DateTimeOffset.UnixEpoch, [new("IsClosed", new BoolValue(closed))]);

        spec.IsOpen(Case(false)).ShouldBeTrue();
        spec.IsOpen(Case(true)).ShouldBeFalse();
    }
}
