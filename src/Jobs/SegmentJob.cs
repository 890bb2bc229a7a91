using System.Globalization;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Purchases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Registry;
using CrmExtensions.Scoring.Segmentation;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>
/// Segments the customers of an org from their purchase history (<c>segment:customer-segment</c>): trains, keeps
/// segment ids and names of the previous champion where clusters match, registers the version and stores each
/// customer's segment id and name as outputs for write-back.
/// </summary>
public sealed class SegmentJob(IRecordStore records, IModelRegistry registry, IOutputStore outputs, OutputCatalogue catalogue, IJobRunStore runs, TimeProvider time)
{
    private static readonly string Model = DefaultModels.CustomerSegment;

    /// <summary>Trains, stores outputs and records the run; an org without purchases is skipped with the reason.</summary>
    public Task<SegmentJobResult> RunAsync(OrgId org, CrmKind crm, PurchaseSpec spec, SegmentationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JobRecorder.RecordAsync(runs, time, org, $"segment:{Model}", async ct =>
        {
            var history = await PurchaseRecords.ReadAsync(records, org, spec, ct);
            var customers = history.Lines.Select(l => l.Customer).Distinct(StringComparer.Ordinal).Count();
            if (customers < 2)
            {
                var skipped = new SegmentJobResult(null, [], 0, $"{customers} customers of {spec.CustomerEntity} have synced orders; segmentation needs at least two");
                return (skipped, JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(), skipped.Skipped);
            }

            var previous = await PreviousAsync(org, ct);
            var result = Segmenter.Train(Segmenter.FeaturesFrom(history.Lines), options ?? new SegmentationOptions(), previous?.Definitions);
            var kept = result.Profiles.Count(p => p.Inherited);
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"{result.K} segments (k by hold-out silhouette {result.Metrics.Values.GetValueOrDefault("silhouette"):0.00}); ") +
                (previous is null ? "first segmentation" : $"{kept} of {result.K} kept the id and name of a matching previous segment");
            var registered = await ChampionSelector.RegisterBatchAsync(
                registry, org, Model, result.Metrics, result.Assignments.Count, reason, new SegmentArtifact(result.Definitions, result.Profiles).ToBytes(), time, ct);

            var now = time.GetUtcNow();
            var batch = new BatchOutputs(outputs, catalogue, org, crm, spec.CustomerEntity, Model, registered.Version, now);
            foreach (var assignment in result.Assignments)
            {
                await batch.AddAsync(assignment.Customer, OutputSlot.SegmentId, new NumberValue(assignment.SegmentId), ct);
                await batch.AddAsync(assignment.Customer, OutputSlot.SegmentName, new TextValue(assignment.SegmentName), ct);
            }

            await batch.FlushAsync(ct);
            var outcome = new SegmentJobResult(registered, result.Profiles, batch.Changed, null);
            var counts = new Dictionary<string, long>
            {
                ["version"] = registered.Version,
                ["customers"] = result.Assignments.Count,
                ["segments"] = result.K,
                ["outputsChanged"] = batch.Changed,
            };
            return (outcome, JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)counts, (string?)null);
        }, cancellationToken);
    }

    private async Task<SegmentArtifact?> PreviousAsync(OrgId org, CancellationToken ct)
    {
        var champion = (await registry.ListAsync(org, Model, ct)).FirstOrDefault(m => m.Status == ModelStatus.Champion);
        return champion is null ? null : SegmentArtifact.FromBytes(await registry.ReadArtifactAsync(org, Model, champion.Version, ct));
    }
}

/// <summary>What a segmentation run did.</summary>
/// <param name="Registered">The registered version, or null when skipped.</param>
/// <param name="Profiles">Segment profiles (size, medians, name).</param>
/// <param name="OutputsChanged">Output values that changed.</param>
/// <param name="Skipped">Why nothing was trained, or null.</param>
public sealed record SegmentJobResult(RegisteredModel? Registered, IReadOnlyList<SegmentProfile> Profiles, long OutputsChanged, string? Skipped);
