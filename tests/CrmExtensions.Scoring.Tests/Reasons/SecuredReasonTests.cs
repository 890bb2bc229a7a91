using CrmExtensions.Scoring.Features;
using CrmExtensions.Scoring.Reasons;
using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Tests.Reasons;

public sealed class SecuredReasonTests
{
    [Fact]
    public void Explain_SecuredColumnUsedAsFeature_ReasonHasNoValue()
    {
        var random = new Random(3);
        var n = 600;
        var band = Enumerable.Range(0, n).Select(_ => random.Next(2) == 0 ? "band-high" : "band-low").ToArray();
        var y = band.Select(b => random.NextDouble() < (b == "band-high" ? 0.8 : 0.2)).ToArray();
        var amount = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10).ToArray();
        var data = new TabularData(
            [new TabularColumn("salaryband", ColumnKind.Category, null, band) { Secured = true }, new TabularColumn("amount", ColumnKind.Number, amount, null)], n);
        var map = FeatureMap.Fit(data, new FeatureOptions());
        var x = map.Matrix(data);
        var model = TabularTrainer.TrainBinary(map, x, y, new TrainingOptions { LeafCandidates = [4], MaxIterations = 40, LinearL2Candidates = [1f] }, "yes", "no").Model;

        var explanation = ReasonExplainer.Explain(model, data, 0, x[0]);
        var text = ReasonFormatter.Render(explanation.Reasons) + ReasonFormatter.ToJson(explanation.Reasons);

        explanation.Reasons.Single(r => r.Field == "salaryband").Value.ShouldBeNull();
        text.ShouldContain("salaryband");
        text.ShouldNotContain("band-");
    }
}
