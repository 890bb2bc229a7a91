using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Scoring.Tests.Cases;

public sealed class LabelProvenanceTests
{
    private static readonly OrgId Org = OrgId.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly DateTimeOffset Written = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CaseLabelOptions Options = new() { CategoryField = "crmx_category", ConfirmationField = "crmx_confirmed", AgentField = "casetypecode" };

    [Fact]
    public void Classify_ValueWeNeverWrote_IsAPersonsLabel()
    {
        var label = LabelProvenance.Classify(Case(Written, ("crmx_category", new TextValue("Billing"))), Options, null);

        label.ShouldBe(new CaseLabel("case-1", "Billing", LabelSource.AgentSet, null));
        label.IsTrainingLabel.ShouldBeTrue();
    }

    [Fact]
    public void Classify_OurValueUnconfirmed_IsNoLabel()
    {
        var label = LabelProvenance.Classify(Case(Written.AddMinutes(1), ("crmx_category", new TextValue("Billing"))), Options, Ours("Billing"));

        label.Source.ShouldBe(LabelSource.OursUnconfirmed);
        label.Category.ShouldBeNull();
        label.IsTrainingLabel.ShouldBeFalse();
    }

    [Fact]
    public void Classify_OurValueConfirmed_IsALabel()
    {
        var label = LabelProvenance.Classify(
            Case(Written.AddMinutes(1), ("crmx_category", new TextValue("Billing")), ("crmx_confirmed", new BoolValue(true))), Options, Ours("Billing"));

        label.ShouldBe(new CaseLabel("case-1", "Billing", LabelSource.AgentConfirmed, "Billing"));
    }

    [Fact]
    public void Classify_PersonChangedOurValue_IsACorrectionAndALabel()
    {
        var label = LabelProvenance.Classify(Case(Written.AddMinutes(1), ("crmx_category", new TextValue("Shipping"))), Options, Ours("Billing"));

        label.ShouldBe(new CaseLabel("case-1", "Shipping", LabelSource.AgentCorrected, "Billing"));
    }

    [Fact]
    public void Classify_PersonClearedOurValue_IsACorrectionButNoLabel()
    {
        var label = LabelProvenance.Classify(Case(Written.AddMinutes(1), ("crmx_category", null)), Options, Ours("Billing"));

        label.Source.ShouldBe(LabelSource.AgentCleared);
        label.IsTrainingLabel.ShouldBeFalse();
    }

    [Fact]
    public void Classify_SnapshotOlderThanOurWrite_IsStale()
    {
        var label = LabelProvenance.Classify(Case(Written.AddMinutes(-5), ("crmx_category", new TextValue("Login"))), Options, Ours("Billing"));

        label.Source.ShouldBe(LabelSource.Stale);
        label.IsTrainingLabel.ShouldBeFalse();
    }

    [Fact]
    public void Classify_AgentCorrectionInTheSecondOfOurWrite_IsACorrectionNotStale()
    {
        // The CRM stamps the person's edit 0.4 s after our write as the whole second, i.e. before our exact WrittenAt.
        var ours = Ours("Billing") with { WrittenAt = Written.AddMilliseconds(600) };

        var label = LabelProvenance.Classify(Case(Written, ("crmx_category", new TextValue("Login"))), Options with { AgentField = null }, ours);

        label.Source.ShouldBe(LabelSource.AgentCorrected);
        LabelProvenance.Classify(Case(Written.AddSeconds(-1), ("crmx_category", new TextValue("Login"))), Options with { AgentField = null }, ours)
            .Source.ShouldBe(LabelSource.Stale);
    }

    [Fact]
    public void Classify_AgentOnlyField_WinsOverOurField()
    {
        var label = LabelProvenance.Classify(
            Case(Written.AddMinutes(1), ("crmx_category", new TextValue("Billing")), ("casetypecode", new OptionValue("2", "Problem"))), Options, Ours("Billing"));

        label.ShouldBe(new CaseLabel("case-1", "Problem", LabelSource.AgentSet, "Billing"));
    }

    [Fact]
    public void Classify_OutputProducedButNeverWritten_TreatsTheRecordValueAsAPersons()
    {
        var neverWritten = new OutputState("incident", "case-1", "crmx_category", new TextValue("Billing"), "case-category", 1, Written, null, null);

        LabelProvenance.Classify(Case(Written, ("crmx_category", new TextValue("Billing"))), Options, neverWritten).Source.ShouldBe(LabelSource.AgentSet);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(null, "Billing", true)]
    [InlineData("Billing", "Billing", true)]
    [InlineData("Shipping", "Billing", false)]
    [InlineData("Shipping", null, false)]
    public void MayWrite_PersonsValue_IsNeverOverwritten(string? inCrm, string? lastWritten, bool expected) =>
        LabelProvenance.MayWrite(inCrm is null ? null : new TextValue(inCrm), lastWritten is null ? null : new TextValue(lastWritten)).ShouldBe(expected);

    [Fact]
    public void From_ClassifiedLabels_CountsCorrectionsPerCategoryWeWrote()
    {
        CaseLabel L(LabelSource source, string? ours) => new("x", null, source, ours);
        var counts = CategoryCorrections.From(
        [
            L(LabelSource.OursUnconfirmed, "Billing"), L(LabelSource.AgentCorrected, "Billing"), L(LabelSource.AgentCleared, "Billing"),
            L(LabelSource.AgentConfirmed, "Login"), L(LabelSource.Stale, "Login"), L(LabelSource.AgentSet, null), L(LabelSource.None, null),
        ]);

        counts.ShouldBe([new CategoryCorrections("Billing", 3, 1, 1, 0), new CategoryCorrections("Login", 1, 0, 0, 1)]);
        counts[0].CorrectionRate.ShouldBe(2.0 / 3, 1e-9);
    }

    private static OutputState Ours(string value) =>
        new("incident", "case-1", "crmx_category", new TextValue(value), "case-category", 1, Written.AddMinutes(-1), new TextValue(value), Written);

    private static CrmRecord Case(DateTimeOffset modifiedOn, params (string Field, FieldValue? Value)[] values) =>
        CrmRecord.Create(Org, "incident", "case-1", modifiedOn, values.Select(v => new KeyValuePair<string, FieldValue?>(v.Field, v.Value)));
}
