using CrmExtensions.Scoring.Recommendations;

namespace CrmExtensions.Scoring.Tests.Recommendations;

public sealed class ImplicitAlsTests
{
    [Fact]
    public void SolveRow_TwoFactorsThreeItems_MatchesHandComputedSolution()
    {
        // Y rows: (1,0), (0,1), (1,1). YᵀY = [[2,1],[1,2]]. The customer bought items 0 and 2 with confidences 3 and 2;
        // λ = 1. A = YᵀY + 2·y0y0ᵀ + 1·y2y2ᵀ + I = [[6,2],[2,4]], b = 3·y0 + 2·y2 = (5,2), so x = A⁻¹b = (0.8, 0.1).
        double[] items = [1, 0, 0, 1, 1, 1];
        var gram = ImplicitAls.Gram(items, 3, 2);

        var x = ImplicitAls.SolveRow(gram, items, 2, [0, 2], [3.0, 2.0], 1.0);

        gram.ShouldBe([2.0, 1.0, 1.0, 2.0]);
        x[0].ShouldBe(0.8, 1e-12);
        x[1].ShouldBe(0.1, 1e-12);
    }

    [Fact]
    public void Train_OneCustomerOneItem_ConvergesToHandComputedFixedPoint()
    {
        // One factor, one observed cell with confidence c = 1 + α·ln 2 = 4 and λ = 1. Each half-step is
        // t ← c·s / (c·s² + λ); its fixed point has x = y = √(1 − λ/c), so the prediction x·y = 1 − λ/c = 0.75.
        var matrix = InteractionMatrix.Build(1, 1, [(0, 0, 1f)]);
        var settings = new AlsSettings(Factors: 1, Regularization: 1, Alpha: 3 / Math.Log(2), Iterations: 200);

        var model = ImplicitAls.Train(matrix, settings);

        (model.User(0)[0] * model.Item(0)[0]).ShouldBe(0.75, 1e-9);
    }

    [Fact]
    public void Train_TwoTasteGroups_PredictsUnseenItemOfOwnGroupAboveOtherGroup()
    {
        // Customers 0–2 buy items 0–2, customers 3–5 buy items 3–5; customer 0 has not bought item 2 yet.
        var cells = new List<(int, int, float)>();
        for (var c = 0; c < 6; c++)
        {
            for (var i = 0; i < 3; i++)
            {
                var item = c < 3 ? i : i + 3;
                if (!(c == 0 && item == 2))
                {
                    cells.Add((c, item, 1f));
                }
            }
        }

        var model = ImplicitAls.Train(InteractionMatrix.Build(6, 6, cells), new AlsSettings(Factors: 2, Regularization: 0.1, Alpha: 10));
        var scores = new double[6];
        model.ScoreAll(0, scores);

        scores[2].ShouldBeGreaterThan(scores[3]);
        scores[2].ShouldBeGreaterThan(scores[4]);
        scores[2].ShouldBeGreaterThan(scores[5]);
    }

    [Fact]
    public void Train_SameSeed_GivesIdenticalFactors()
    {
        var set = TasteData.Generate(customers: 60, categories: 3, itemsPerCategory: 8);
        var matrix = InteractionBuilder.Build(set);

        var first = ImplicitAls.Train(matrix, new AlsSettings(Factors: 4));
        var second = ImplicitAls.Train(matrix, new AlsSettings(Factors: 4));

        first.ItemFactors.ShouldBe(second.ItemFactors);
        first.UserFactors.ShouldBe(second.UserFactors);
    }

    [Fact]
    public void ConjugateGradient_FromZeroWithTwoSteps_ReachesHandComputedSolution()
    {
        // Same 2 × 2 system as the exact solve: conjugate gradient is exact in f = 2 steps.
        double[] items = [1, 0, 0, 1, 1, 1];
        var gram = ImplicitAls.Gram(items, 3, 2);
        var x = new double[2];

        ImplicitAls.ConjugateGradient(gram, items, 2, [0, 2], [3.0, 2.0], 1.0, 2, x, new double[2], new double[2], new double[2]);

        x[0].ShouldBe(0.8, 1e-9);
        x[1].ShouldBe(0.1, 1e-9);
    }

    [Fact]
    public void Train_ConjugateGradient_ReachesObjectiveCloseToExactSolves()
    {
        var matrix = InteractionBuilder.Build(TasteData.Generate(customers: 80, categories: 3, itemsPerCategory: 8));
        var exactSettings = new AlsSettings(Factors: 4, CgSteps: 0, Iterations: 30);
        var cgSettings = exactSettings with { CgSteps = 3 };

        var exact = Loss(matrix, ImplicitAls.Train(matrix, exactSettings), exactSettings);
        var cg = Loss(matrix, ImplicitAls.Train(matrix, cgSettings), cgSettings);

        cg.ShouldBeLessThan(exact * 1.02);
    }

    /// <summary>Σᵤᵢ cᵤᵢ (pᵤᵢ − xᵤ·yᵢ)² + λ(‖X‖² + ‖Y‖²), the objective of Hu, Koren &amp; Volinsky, computed densely.</summary>
    private static double Loss(InteractionMatrix matrix, AlsModel model, AlsSettings settings)
    {
        var loss = settings.Regularization * (model.UserFactors.Sum(v => v * v) + model.ItemFactors.Sum(v => v * v));
        var scores = new double[matrix.Items];
        for (var u = 0; u < matrix.Users; u++)
        {
            model.ScoreAll(u, scores);
            var items = matrix.ItemsOf(u).ToArray();
            var values = matrix.ValuesOf(u).ToArray();
            for (var i = 0; i < matrix.Items; i++)
            {
                var at = Array.IndexOf(items, i);
                var c = at >= 0 ? settings.Confidence(values[at]) : 1.0;
                var p = at >= 0 ? 1.0 : 0.0;
                loss += c * (p - scores[i]) * (p - scores[i]);
            }
        }

        return loss;
    }
}
