using CrmExtensions.Scoring.Cases;

namespace CrmExtensions.Scoring.Tests.Cases;

public sealed class CaseEvaluationTests
{
    [Fact]
    public void Evaluate_KnownPredictions_GivesHandComputedFigures()
    {
        CasePrediction P(string top, CaseTier tier) => new(top, 0.9, tier, []);
        var predictions = new[]
        {
            P("a", CaseTier.Auto), P("a", CaseTier.Auto), P("b", CaseTier.Auto), // right, right, wrong (actual a)
            P("b", CaseTier.Suggest), P("b", CaseTier.Review),                  // right, right
            P("a", CaseTier.Review),                                             // unlabelled: skipped
        };
        string?[] actual = ["a", "a", "a", "b", "b", null];
        string[] languages = ["latin", "latin", "zh", "zh", "zh", "zh"];

        var metrics = CaseEvaluation.Evaluate(predictions, actual, languages, "test", 10);

        metrics.HoldoutRows.ShouldBe(5);
        metrics.Values["accuracy"].ShouldBe(0.8, 1e-9);
        // a: P 2/2, R 2/3, F1 0.8; b: P 2/3, R 1, F1 0.8.
        metrics.Values["macroF1"].ShouldBe(0.8, 1e-9);
        metrics.Values["autoShare"].ShouldBe(0.6, 1e-9);
        metrics.Values["suggestShare"].ShouldBe(0.2, 1e-9);
        metrics.Values["abstainShare"].ShouldBe(0.2, 1e-9);
        metrics.Values["autoPrecision"].ShouldBe(2.0 / 3, 1e-9);
        metrics.Values["suggestPrecision"].ShouldBe(1, 1e-9);
        metrics.Values["correctionRate"].ShouldBe(0.25, 1e-9);
        var json = metrics.ToJson();
        json.ShouldContain("\"perLanguage\"");
        json.ShouldContain("\"language\":\"zh\"");
        Models.ModelMetrics.FromJson(json).Values["accuracy"].ShouldBe(0.8, 1e-9);
    }

    [Fact]
    public void Evaluate_NothingAutoApplied_LeavesAutoPrecisionOutInsteadOfNaN()
    {
        var metrics = CaseEvaluation.Evaluate([new CasePrediction("a", 0.3, CaseTier.Review, [])], ["a"], ["latin"], "test", 1);

        metrics.Values.ContainsKey("autoPrecision").ShouldBeFalse();
        metrics.ToJson().ShouldNotContain("NaN");
    }
}
