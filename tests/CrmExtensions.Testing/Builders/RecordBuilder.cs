using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Testing.Builders;

/// <summary>Builds canonical records for tests: <c>new RecordBuilder(org, "lead", "1").With("name", "Ada").Build()</c>.</summary>
public sealed class RecordBuilder(OrgId org, string entity, string id)
{
    private readonly List<KeyValuePair<string, FieldValue?>> _values = [];
    private DateTimeOffset _modifiedOn = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public RecordBuilder ModifiedOn(DateTimeOffset modifiedOn)
    {
        _modifiedOn = modifiedOn;
        return this;
    }

    public RecordBuilder With(string field, FieldValue? value)
    {
        _values.Add(new(field, value));
        return this;
    }

    public RecordBuilder With(string field, string text) => With(field, new TextValue(text));

    public RecordBuilder With(string field, double number) => With(field, new NumberValue(number));

    public CrmRecord Build() => CrmRecord.Create(org, entity, id, _modifiedOn, _values);
}
