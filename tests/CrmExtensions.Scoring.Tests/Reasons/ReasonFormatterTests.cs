using CrmExtensions.Scoring.Reasons;

namespace CrmExtensions.Scoring.Tests.Reasons;

public sealed class ReasonFormatterTests
{
    private static readonly Reason[] Sample =
    [
        new("Lead source", "Web", 0.8, 12.2),
        new("Last activity", "45 days ago", -0.6, -9),
        new("Budget", "blank", -0.1, -2),
        new("Industry", "Retail", 0.3, 4),
        new("Employees", "120", 0.2, 3),
        new("Rating", "Hot", 0.1, 1),
        new("Region", "North", 0.01, 0.2),
        new("Salary band", null, -0.3, -5),
        new("Country", "FR", -0.01, -1),
        new("Title", "text", 0.0, -0.6),
    ];

    [Fact]
    public void Render_ManyReasons_ShowsTopThreePositiveThenTopThreeNegative()
    {
        var text = ReasonFormatter.Render(Sample);

        text.ShouldBe("Lead source = Web: +12; Industry = Retail: +4; Employees = 120: +3; Last activity: 45 days ago: \u22129; Salary band: \u22125; Budget is blank: \u22122");
    }

    [Fact]
    public void Render_SecuredField_NeverQuotesItsValue()
    {
        var text = ReasonFormatter.Render([new Reason("Salary band", null, -0.3, -5)]);

        text.ShouldBe("Salary band: \u22125");
    }

    [Fact]
    public void Render_ShortLimit_KeepsWholeReasonsWithinLimit()
    {
        var text = ReasonFormatter.Render(Sample, maxLength: 50);

        text.Length.ShouldBeLessThanOrEqualTo(50);
        text.ShouldBe("Lead source = Web: +12; Industry = Retail: +4");
        ReasonFormatter.Render(Sample, maxLength: 10).Length.ShouldBe(10);
    }

    [Fact]
    public void ToJson_TopReasons_HasFieldValueAndPoints()
    {
        var json = ReasonFormatter.ToJson(Sample);

        json.ShouldStartWith("[{\"field\":\"Lead source\",\"value\":\"Web\",\"points\":12.2");
        json.ShouldNotContain("North");
    }

    [Fact]
    public void Render_SmallRegressionAmounts_KeepThreeSignificantDigits()
    {
        var text = ReasonFormatter.Render([new Reason("Size", "3.2", 0.0344, 0.0344), new Reason("Region", "web", -0.0021, -0.0021)], minimumPoints: 0.001);

        text.ShouldBe("Size = 3.2: +0.0344; Region = web: \u22120.0021");
    }
}
