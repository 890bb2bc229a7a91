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

        var all = new List<CrmRecord>();
        await foreach (var stored in records.ReadAsync(new RecordQuery(org, spec.Entity), cancellationToken))
        {
            all.Add(stored.Record);
        }

        var names = await LookupNamesAsync(records, org, spec.Labels, all, cancellationToken);
        var cases = new List<(CrmRecord, CaseLabel)>(all.Count);
        foreach (var record in all)
        {
            cases.Add((record, LabelProvenance.Classify(WithNamedAgentValue(record, spec.Labels, names), spec.Labels, ours.GetValueOrDefault(record.Id))));
        }

        return new CaseLabelSet(cases, CategoryCorrections.From(cases.Select(c => c.Item2)));
    }

    // Names of the records the agent field looks up (subject id → title), read from their synced tables.
    private static async Task<Dictionary<string, string>> LookupNamesAsync(
        IRecordStore records, OrgId org, CaseLabelOptions labels, List<CrmRecord> cases, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (labels.AgentField is null || labels.AgentLookupNameField is null)
        {
            return names;
        }

        var tables = cases.Select(c => c[labels.AgentField]).OfType<LookupValue>().Select(l => l.TargetEntity).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        foreach (var table in tables)
        {
            await foreach (var stored in records.ReadAsync(new RecordQuery(org, table), cancellationToken))
            {
                if (LabelProvenance.Text(stored.Record[labels.AgentLookupNameField]) is { } name)
                {
                    names[stored.Record.Id] = name;
                }
            }
        }

        return names;
    }

    private static CrmRecord WithNamedAgentValue(CrmRecord record, CaseLabelOptions labels, Dictionary<string, string> names)
    {
        if (labels.AgentField is null || record[labels.AgentField] is not LookupValue lookup || !names.TryGetValue(lookup.Id, out var name))
        {
            return record;
        }

        var values = record.Values.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        values[labels.AgentField] = new TextValue(name);
        return CrmRecord.Create(record.Org, record.Entity, record.Id, record.ModifiedOn, values);
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
        var open = labels.Cases.Where(c => (c.Label.Source is LabelSource.None or LabelSource.OursUnconfirmed or LabelSource.Stale) && spec.IsOpen(c.Record)).ToArray();
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
