using System.Runtime.CompilerServices;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Case models on the store: labels are read from synced records with their provenance against the values we
/// last wrote; only people's values train; cases a person categorised are never scored (so never overwritten).
/// </summary>
public static class CaseCategoriser
{
    /// <summary>Reads every live case of the spec's table with its label's provenance.</summary>
    public static async Task<CaseLabelSet> ReadLabelsAsync(IRecordStore records, IOutputStore outputs, OrgId org, CaseSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(spec);
        var ours = new Dictionary<string, OutputState>(StringComparer.Ordinal);
        await foreach (var state in outputs.ReadAsync(org, spec.Entity, cancellationToken))
        {
            if (string.Equals(state.Field, spec.Labels.CategoryField, StringComparison.OrdinalIgnoreCase))
            {
                ours[state.RecordId] = state;
            }
        }

        var cases = new List<(CrmRecord, CaseLabel)>();
        await foreach (var stored in records.ReadAsync(new RecordQuery(org, spec.Entity), cancellationToken))
        {
            cases.Add((stored.Record, LabelProvenance.Classify(stored.Record, spec.Labels, ours.GetValueOrDefault(stored.Record.Id))));
        }

        return new CaseLabelSet(cases, CategoryCorrections.From(cases.Select(c => c.Item2)));
    }

    /// <summary>Trains on the cases people labelled (set, corrected or confirmed); our own unconfirmed values never train.</summary>
    /// <exception cref="NotEnoughCasesException">Too few people-labelled cases.</exception>
    public static CaseTrainingResult Train(CaseLabelSet labels, CaseSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(spec);
        var training = labels.Cases.Where(c => c.Label.IsTrainingLabel).ToArray();
        return CaseTrainer.Train([.. training.Select(c => spec.InputOf(c.Record))], [.. training.Select(c => c.Label.Category)], spec.Classifier, cancellationToken);
    }

    /// <summary>
    /// Predicts the cases no person categorised (empty, or still holding our unconfirmed value) and yields their
    /// outputs. Cases a person set, corrected, confirmed or cleared are skipped: agents win.
    /// </summary>
    public static async IAsyncEnumerable<(string RecordId, CasePrediction Prediction, IReadOnlyList<ModelOutput> Outputs)> ScoreAsync(
        CaseClassifier classifier, CaseLabelSet labels, CaseSpec spec, DateTimeOffset scoredOn, int batchSize = 1_000,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(spec);
        var open = labels.Cases.Where(c => c.Label.Source is LabelSource.None or LabelSource.OursUnconfirmed or LabelSource.Stale).ToArray();
        foreach (var chunk in open.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var predictions = classifier.Predict([.. chunk.Select(c => spec.InputOf(c.Record))]);
            for (var i = 0; i < chunk.Length; i++)
            {
                yield return (chunk[i].Record.Id, predictions[i], predictions[i].ToOutputs(spec.Name, scoredOn));
            }

            await Task.Yield();
        }
    }
}
