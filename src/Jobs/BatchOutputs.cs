using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>Saves a batch model's outputs under their catalogue field names, a thousand at a time.</summary>
internal sealed class BatchOutputs(IOutputStore outputs, OutputCatalogue catalogue, OrgId org, CrmKind crm, string table, string model, int version, DateTimeOffset producedAt)
{
    private const int SaveBatch = 1_000;
    private readonly List<OutputValue> _batch = [];

    public long Changed { get; private set; }

    // A choice is stored as the CRM's own option value (Dataverse 100000000…, Salesforce picklist API name), so the
    // write-back and the comparison with what the CRM holds use the same value.
    internal static FieldValue? InCrmTerms(OutputField field, CrmKind crm, FieldValue? value)
    {
        if (field.Type != OutputFieldType.Choice || value is not OptionValue option)
        {
            return value;
        }

        var choice = field.Options.FirstOrDefault(o => o.Label == option.Label || o.Label == option.Value)
            ?? throw new InvalidOperationException($"Output field {field.NameIn(crm)} has no choice labelled '{option.Label}' in the catalogue.");
        return new OptionValue(
            crm == CrmKind.Salesforce ? choice.SalesforceValue : choice.DataverseValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            choice.Label);
    }

    public async Task AddAsync(string recordId, OutputSlot slot, FieldValue? value, CancellationToken cancellationToken)
    {
        var field = catalogue.Find(crm, table, model, slot)
            ?? throw new InvalidOperationException($"The output catalogue has no field on {table} for model '{model}' output {slot}.");
        value = InCrmTerms(field, crm, value);
        // The CRM refuses a longer value; callers build texts within the limit, this is the last guard.
        value = (value, field.MaxLength) switch
        {
            (TextValue t, { } max) when t.Value.Length > max => new TextValue(t.Value[..max]),
            (LongTextValue t, { } max) when t.Value.Length > max => new LongTextValue(t.Value[..max]),
            _ => value,
        };

        _batch.Add(new OutputValue(table, recordId, field.NameIn(crm), value, model, version, producedAt));
        if (_batch.Count >= SaveBatch)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Changed += await outputs.SaveAsync(org, _batch, cancellationToken);
        _batch.Clear();
    }
}
