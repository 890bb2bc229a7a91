using System.Text.Json;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// A few records as people see them in the CRM after the run: which records to show comes from the store (the
/// highest-scored leads, an account with recommendations, a case we categorised), but our fields' values are read
/// back from the CRM through its API, so what is shown is what landed there. Names come from the synced records.
/// </summary>
internal sealed class DemoView(DemoCrm crm, CrmStore store, OrgId org, OutputCatalogue catalogue)
{
    private CrmKind Kind => crm.Kind;

    /// <summary>The three leads with the highest score.</summary>
    public async Task<IReadOnlyList<DemoRecord>> LeadsAsync(CancellationToken cancellationToken)
    {
        var score = Field(crm.LeadTable, DefaultModels.LeadConversion, OutputSlot.Score);
        var grade = Field(crm.LeadTable, DefaultModels.LeadConversion, OutputSlot.Grade);
        var reasons = Field(crm.LeadTable, DefaultModels.LeadConversion, OutputSlot.Reasons);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        await foreach (var state in store.Outputs.ReadAsync(org, crm.LeadTable, cancellationToken))
        {
            if (string.Equals(state.Field, score.NameIn(Kind), StringComparison.OrdinalIgnoreCase) && state.Value is NumberValue number)
            {
                scores[state.RecordId] = number.Value;
            }
        }

        var samples = new List<DemoRecord>();
        foreach (var id in scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(3).Select(s => s.Key))
        {
            var values = await crm.ReadAsync(crm.LeadTable, id, [score.NameIn(Kind), grade.NameIn(Kind), reasons.NameIn(Kind)], cancellationToken);
            samples.Add(new DemoRecord(crm.Name, crm.LeadTable, id, await NameAsync(crm.LeadTable, id, crm.LeadName, "Company", "subject", cancellationToken),
                Number(values, score), Choice(values, grade), Text(values, reasons)));
        }

        return samples;
    }

    /// <summary>The first account (by id) with a segment and recommendations.</summary>
    public async Task<DemoAccount?> AccountAsync(CancellationToken cancellationToken)
    {
        var segment = Field(crm.AccountTable, DefaultModels.CustomerSegment, OutputSlot.SegmentName);
        var recommendations = Field(crm.AccountTable, DefaultModels.NextBestProduct, OutputSlot.Recommendations);
        var byRecord = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await foreach (var state in store.Outputs.ReadAsync(org, crm.AccountTable, cancellationToken))
        {
            if (state.Value is not null)
            {
                (byRecord.TryGetValue(state.RecordId, out var fields) ? fields : byRecord[state.RecordId] = new(StringComparer.OrdinalIgnoreCase)).Add(state.Field);
            }
        }

        var id = byRecord.Where(r => r.Value.Contains(segment.NameIn(Kind)) && r.Value.Contains(recommendations.NameIn(Kind)))
            .Select(r => r.Key).Order(StringComparer.Ordinal).FirstOrDefault();
        if (id is null)
        {
            return null;
        }

        var values = await crm.ReadAsync(crm.AccountTable, id, [segment.NameIn(Kind), recommendations.NameIn(Kind)], cancellationToken);
        return new DemoAccount(id, await NameAsync(crm.AccountTable, id, crm.AccountName, null, null, cancellationToken), Text(values, segment), Text(values, recommendations));
    }

    /// <summary>A case we categorised, preferring one the simulated agents left without a category.</summary>
    public async Task<DemoCase?> CaseAsync(IReadOnlyList<string> uncategorised, CancellationToken cancellationToken)
    {
        var category = Field(crm.CaseTable, DefaultModels.CaseCategory, OutputSlot.Category);
        var confidence = Field(crm.CaseTable, DefaultModels.CaseCategory, OutputSlot.Confidence);
        var tier = Field(crm.CaseTable, DefaultModels.CaseCategory, OutputSlot.Tier);
        var alternatives = Field(crm.CaseTable, DefaultModels.CaseCategory, OutputSlot.Alternatives);
        var written = new List<string>();
        await foreach (var state in store.Outputs.ReadAsync(org, crm.CaseTable, cancellationToken))
        {
            if (string.Equals(state.Field, category.NameIn(Kind), StringComparison.OrdinalIgnoreCase) && state.WrittenValue is not null)
            {
                written.Add(state.RecordId);
            }
        }

        var id = written.Where(uncategorised.Contains).Order(StringComparer.Ordinal).FirstOrDefault() ?? written.Order(StringComparer.Ordinal).FirstOrDefault();
        if (id is null)
        {
            return null;
        }

        var values = await crm.ReadAsync(crm.CaseTable, id, [category.NameIn(Kind), confidence.NameIn(Kind), tier.NameIn(Kind), alternatives.NameIn(Kind)], cancellationToken);
        return new DemoCase(id, await NameAsync(crm.CaseTable, id, crm.CaseTitle, null, null, cancellationToken),
            Text(values, category), Number(values, confidence), Choice(values, tier), Text(values, alternatives));
    }

    private OutputField Field(string table, string model, OutputSlot slot) =>
        catalogue.Find(Kind, table, model, slot) ?? throw new InvalidOperationException($"The output catalogue has no {slot} field of {model} on {table}.");

    private async Task<string?> NameAsync(string table, string id, string field, string? fallback, string? secondFallback, CancellationToken cancellationToken)
    {
        var record = await store.Records.GetAsync(org, table, id, cancellationToken);
        foreach (var name in new[] { field, fallback, secondFallback }.OfType<string>())
        {
            if (record?[name] is TextValue text)
            {
                return text.Value;
            }
        }

        return null;
    }

    private static double? Number(IReadOnlyDictionary<string, JsonElement> values, OutputField field) =>
        Get(values, field) is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : null;

    private static string? Text(IReadOnlyDictionary<string, JsonElement> values, OutputField field) =>
        Get(values, field) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    // A Dataverse choice comes back as its option value, a Salesforce picklist as its label.
    private static string? Choice(IReadOnlyDictionary<string, JsonElement> values, OutputField field) => Get(values, field) switch
    {
        { ValueKind: JsonValueKind.Number } number => field.Options.FirstOrDefault(o => o.DataverseValue == number.GetInt32())?.Label ?? number.GetRawText(),
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        _ => null,
    };

    private static JsonElement? Get(IReadOnlyDictionary<string, JsonElement> values, OutputField field) =>
        values.FirstOrDefault(v => string.Equals(v.Key, field.DataverseName, StringComparison.OrdinalIgnoreCase) || string.Equals(v.Key, field.SalesforceName, StringComparison.OrdinalIgnoreCase)) is { Key: not null } hit
            ? hit.Value
            : null;
}
