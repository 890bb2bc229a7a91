using CrmExtensions.Scoring.Segmentation;
using Xunit.Abstractions;

namespace CrmExtensions.Scoring.Tests.Segmentation;

public sealed class SegmenterTests(ITestOutputHelper output)
{
    [Fact]
    public void Train_FourGeneratedProfiles_ChoosesFourAndNamesMatchProfiles()
    {
        var features = RfmCalculator.Compute(ProfileData.Generate());

        var result = Segmenter.Train(features, new SegmentationOptions());

        Print(result);
        result.K.ShouldBe(4);
        for (var c = 0; c < features.Customers.Count; c++)
        {
            result.Assignments[c].SegmentName.ShouldStartWith(ProfileData.ProfileOf(c));
        }
    }

    [Fact]
    public void Train_RetrainOnNewHistoriesWithOtherSeed_CustomersKeepSegmentIdsAndNames()
    {
        var first = Segmenter.Train(RfmCalculator.Compute(ProfileData.Generate(seed: 1)), new SegmentationOptions());

        var second = Segmenter.Train(RfmCalculator.Compute(ProfileData.Generate(seed: 2)), new SegmentationOptions { Seed = 99 }, first.Definitions);

        Print(second);
        var kept = first.Assignments.Zip(second.Assignments).Count(p => p.First.SegmentId == p.Second.SegmentId && p.First.SegmentName == p.Second.SegmentName);
        (kept / (double)first.Assignments.Count).ShouldBeGreaterThanOrEqualTo(0.98);
        second.Profiles.ShouldAllBe(p => p.Inherited);
    }

    [Fact]
    public void Train_PreviousSegmentsFarAway_NewClustersGetNewIds()
    {
        var first = Segmenter.Train(RfmCalculator.Compute(ProfileData.Generate()), new SegmentationOptions { FixedK = 4 });
        var far = first.Definitions.Select(d => d with { Centroid = [.. d.Centroid.Select(v => v + 50)] }).ToArray();

        var second = Segmenter.Train(RfmCalculator.Compute(ProfileData.Generate()), new SegmentationOptions { FixedK = 4 }, far);

        second.Profiles.Select(p => p.Id).Order().ShouldBe([5, 6, 7, 8]);
        second.Profiles.ShouldAllBe(p => !p.Inherited);
    }

    [Fact]
    public void Train_FixedK_UsesItAndReportsHoldoutMetrics()
    {
        var result = Segmenter.Train(RfmCalculator.Compute(ProfileData.Generate()), new SegmentationOptions { FixedK = 3 });

        result.K.ShouldBe(3);
        result.Profiles.Count.ShouldBe(3);
        result.Profiles.Sum(p => p.Size).ShouldBe(600);
        result.Metrics.HoldoutRows.ShouldBe(120);
        result.Metrics.Values.Keys.ShouldContain("daviesBouldin");
        result.Profiles.Select(p => p.Name).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void Train_FirmographicNumberAndIndustries_ClustersOnNumberAndReportsTopIndustries()
    {
        // Champions are wholesalers with ~500 employees, everyone else retailers with ~5; industry is reported, not clustered on.
        var rfm = RfmCalculator.Compute(ProfileData.Generate());
        var champion = Enumerable.Range(0, rfm.Customers.Count).Select(c => ProfileData.ProfileOf(c) == "Champions").ToArray();
        var features = (rfm with { Categories = [.. champion.Select(x => x ? "Wholesale" : (string?)"Retail")] })
            .WithNumeric("employees", [.. champion.Select(x => (double?)(x ? 500 : 5))]);

        var result = Segmenter.Train(features, new SegmentationOptions { FixedK = 4 });

        var champions = result.Profiles.Single(p => p.Name.StartsWith("Champions", StringComparison.Ordinal));
        champions.TopCategories.ShouldBe([new CategoryShare("Wholesale", 1.0)]);
        champions.Medians["employees"].ShouldBe(500);
        champions.OverallMedians["employees"].ShouldBe(5);
    }

    [Fact]
    public void Train_OneCustomer_ThrowsArgumentException()
    {
        var features = new CustomerFeatures(["a"], RfmCalculator.Names, [[1, 1, 1, 1]]);

        Should.Throw<ArgumentException>(() => Segmenter.Train(features, new SegmentationOptions()));
    }

    private void Print(SegmentationResult result)
    {
        output.WriteLine(result.Metrics.ToJson());
        foreach (var p in result.Profiles)
        {
            output.WriteLine($"{p.Id} {p.Name} n={p.Size} " + string.Join(" ", p.Medians.Select(m => $"{m.Key}={m.Value:F0}")));
        }
    }
}
