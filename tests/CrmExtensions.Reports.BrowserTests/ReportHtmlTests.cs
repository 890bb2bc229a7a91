using CrmExtensions.Reports.Data;
using CrmExtensions.Reports.Html;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Reports.BrowserTests;

/// <summary>Rendering without a browser: what is not stored is said to be not recorded, and stored text cannot inject markup.</summary>
public sealed class ReportHtmlTests
{
    private static readonly OrgId Org = OrgId.Parse("org-1");
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Models_VersionStoredBeforeCurvesWereRecorded_SaysNotRecordedAndDrawsNothing()
    {
        // A metrics document as versions before ROC points and deciles were stored wrote it: calibration only.
        var metrics = ModelMetrics.FromJson("""
            {"schema":"crmx.metrics/1","kind":"binary","split":"time","trainRows":80,"holdoutRows":20,"values":{"auc":0.71},
             "details":{"calibration":[{"from":0,"to":0.1,"rows":20,"meanPredicted":0.05,"observedRate":0.1}]}}
            """);
        var model = new RegisteredModel
        {
            Org = Org, Name = "lead-conversion", Version = 3, Kind = ModelKind.Binary, Status = ModelStatus.Champion, StatusReason = "first",
            TrainedAt = At, Rows = 80, MlNetVersion = "5.0", Metrics = metrics,
        };
        var data = new ReportData(At, [], [new ModelReport(Org, model.Name, [model], model, MetricsDetails.From(metrics))], []);

        var html = ReportHtml.Page(data, ReportPage.Models);

        html.ShouldContain("data-chart=\"calibration\"");
        html.ShouldContain("data-chart-missing=\"roc\"");
        html.ShouldContain("data-chart-missing=\"lift\"");
        html.ShouldContain("data-chart-missing=\"top-features\"");
        html.ShouldNotContain("data-chart=\"roc\"");
        html.ShouldContain("0.7100");
    }

    [Fact]
    public void Models_CaseModel_ShowsEachCategoryAndNaForAnUndefinedFigure()
    {
        // As CaseEvaluation writes it: a category nothing was predicted as has a null precision.
        var metrics = ModelMetrics.FromJson("""
            {"schema":"crmx.metrics/1","kind":"multiclass","split":"record-id hash","trainRows":80,"holdoutRows":20,
             "values":{"accuracy":0.8,"macroF1":0.7,"autoShare":0.5,"suggestShare":0.3,"abstainShare":0.2,"correctionRate":0.125},
             "details":{"perCategory":[{"category":"Billing","figures":{"cases":12,"precision":0.9,"recall":0.75,"f1":0.82,"autoShare":0.5,"abstainShare":0.1,"correctionRate":0.1}},
                                       {"category":"Returns <b>","figures":{"cases":8,"precision":null,"recall":0,"f1":0,"autoShare":0,"abstainShare":1,"correctionRate":null}}],
                        "perLanguage":[{"language":"zh","figures":{"cases":20,"precision":0.8,"recall":0.7,"f1":0.74}}]}}
            """);
        var html = Render(metrics, ModelKind.Multiclass);

        html.ShouldContain("data-chart=\"per-category\"");
        html.ShouldContain("data-chart=\"per-language\"");
        html.ShouldContain("data-chart=\"tiers\"");
        html.ShouldContain("<td>Billing</td><td class=\"num\">12</td><td class=\"num\">0.9000</td><td class=\"num\">0.7500</td>");
        html.ShouldContain("<td class=\"num\">8</td><td class=\"num\">n/a</td>");
        html.ShouldNotContain("Returns <b>");
        html.ShouldContain("<td>Chinese</td>");
        html.ShouldContain("data-testid=\"correction-rate\">12.5%");
        html.ShouldContain("data-testid=\"tier-review\">20.0%");
    }

    [Fact]
    public void Models_CaseModelWithoutPerCategoryDetails_SaysNotRecorded()
    {
        var metrics = ModelMetrics.FromJson("""
            {"schema":"crmx.metrics/1","kind":"multiclass","split":"time","trainRows":80,"holdoutRows":20,"values":{"accuracy":0.8,"macroF1":0.7}}
            """);
        var html = Render(metrics, ModelKind.Multiclass);

        html.ShouldContain("data-chart-missing=\"per-category\"");
        html.ShouldNotContain("data-chart=\"per-category\"");
        html.ShouldContain("data-testid=\"correction-rate\"><span class=\"not-recorded\">");
    }

    private static string Render(ModelMetrics metrics, ModelKind kind)
    {
        var model = new RegisteredModel
        {
            Org = Org, Name = "case-category", Version = 1, Kind = kind, Status = ModelStatus.Champion, StatusReason = "first",
            TrainedAt = At, Rows = 80, MlNetVersion = "5.0", Metrics = metrics,
        };
        return ReportHtml.Page(new ReportData(At, [], [new ModelReport(Org, model.Name, [model], model, MetricsDetails.From(metrics))], []), ReportPage.Models);
    }

    [Fact]
    public void Overview_ErrorWithMarkup_IsShownAsTextNotMarkup()
    {
        var failed = new JobRun("r1", Org, "sync:lead", At, At.AddSeconds(2), JobStatus.Failed, new Dictionary<string, long>(), "lead: field <script>x</script> rejected");
        var org = new OrgOverview(Org, [new RunRow(failed.Job, CrmWords.Job(failed.Job), failed)], [], failed, null, null, [], failed);

        var html = ReportHtml.Page(new ReportData(At, [org], [], []), ReportPage.Overview);

        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldContain("Sync of leads");
    }

    [Fact]
    public void Segments_NoSegmentationStored_SaysNotRecorded()
    {
        ReportHtml.Page(new ReportData(At, [], [], []), ReportPage.Segments).ShouldContain("not recorded");
    }

    [Theory]
    [InlineData("incident", "Cases")]
    [InlineData("Case", "Cases")]
    [InlineData("lead", "Leads")]
    [InlineData("crmx_custom", "crmx_custom")]
    public void Plural_CrmEntity_UsesTheWordsUsersKnow(string entity, string expected) => CrmWords.Plural(entity).ShouldBe(expected);
}
