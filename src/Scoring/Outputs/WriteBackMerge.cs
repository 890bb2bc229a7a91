using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Outputs;

/// <summary>
/// Merges the outputs of every model for one record into one update, so a record scored by several models
/// costs one write, not one per model.
/// </summary>
public static class WriteBackMerge
{
    /// <summary>
    /// Maps each output to its catalogue field in the given CRM's naming. An output without a catalogue field,
    /// or two different values for one field, is a configuration error and throws naming model, slot and field.
    /// </summary>
    public static RecordUpdate Merge(OutputCatalogue catalogue, CrmKind crm, string table, string recordId, IEnumerable<ModelOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(outputs);
        var fields = new Dictionary<string, FieldValue?>(StringComparer.OrdinalIgnoreCase);
        foreach (var output in outputs)
        {
            var field = catalogue.Find(crm, table, output.Model, output.Slot)
                ?? throw new InvalidOperationException(
                    $"The output catalogue has no field on {table} for model '{output.Model}' output {output.Slot}; add it to the catalogue.");
            var name = field.NameIn(crm);
            if (fields.TryGetValue(name, out var existing) && existing != output.Value)
            {
                throw new InvalidOperationException($"Two different values for {table}.{name} of record {recordId} in one update.");
            }

            fields[name] = output.Value;
        }

        return new RecordUpdate(table, RecordId.Normalise(recordId), fields);
    }
}
