using System.Globalization;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Decides who a case's category came from by comparing the synced record with the value we last wrote to it
/// (<see cref="OutputState.WrittenValue"/>): a value we never wrote is a person's; a different value than ours is a
/// person's correction; our own value is a label only when a person confirmed it. Knows no CRM: it reads canonical
/// records and stored outputs.
/// </summary>
public static class LabelProvenance
{
    /// <summary>Classifies one record. <paramref name="ours"/> is our output state of the category field, or null.</summary>
    public static CaseLabel Classify(CrmRecord record, CaseLabelOptions options, OutputState? ours)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(options);
        var written = ours?.WrittenAt is null ? null : Text(ours.WrittenValue);
        if (options.AgentField is not null && Text(record[options.AgentField]) is { } agentValue)
        {
            return new CaseLabel(record.Id, agentValue, LabelSource.AgentSet, written);
        }

        var current = Text(record[options.CategoryField]);
        if (written is null)
        {
            return current is null
                ? new CaseLabel(record.Id, null, LabelSource.None, null)
                : new CaseLabel(record.Id, current, LabelSource.AgentSet, null);
        }

        // Our write changes the record, so a snapshot modified before it was synced before it: it cannot show what
        // a person did since. CRMs stamp modified-on to the whole second (Dataverse modifiedon; Salesforce
        // SystemModstamp), so a person's edit in the same second as our write carries a time before our exact
        // WrittenAt: compare whole seconds. (A snapshot taken in that second before our write is then read as
        // post-write once; the next sync, which sees our write, corrects it.)
        var writtenAt = ours!.WrittenAt!.Value;
        if (record.ModifiedOn < writtenAt.AddTicks(-(writtenAt.Ticks % TimeSpan.TicksPerSecond)))
        {
            return new CaseLabel(record.Id, null, LabelSource.Stale, written);
        }

        if (current is null)
        {
            return new CaseLabel(record.Id, null, LabelSource.AgentCleared, written);
        }

        if (!Same(current, written))
        {
            return new CaseLabel(record.Id, current, LabelSource.AgentCorrected, written);
        }

        return Confirmed(record, options, current)
            ? new CaseLabel(record.Id, current, LabelSource.AgentConfirmed, written)
            : new CaseLabel(record.Id, null, LabelSource.OursUnconfirmed, written);
    }

    /// <summary>
    /// Agents win: true when we may write a category into a person-editable field that holds
    /// <paramref name="inCrm"/> — only when it is empty or still holds what we wrote last.
    /// </summary>
    public static bool MayWrite(FieldValue? inCrm, FieldValue? lastWritten) =>
        Text(inCrm) is not { } current || (Text(lastWritten) is { } ours && Same(current, ours));

    /// <summary>The category text of a field value: text as is, a choice by its label (else its value), a lookup (subject) by its id; blank → null.</summary>
    public static string? Text(FieldValue? value)
    {
        var text = value switch
        {
            null => null,
            TextValue t => t.Value,
            LongTextValue t => t.Value,
            OptionValue o => string.IsNullOrWhiteSpace(o.Label) ? o.Value : o.Label,
            NumberValue n => n.Value.ToString(CultureInfo.InvariantCulture),
            BoolValue b => b.Value ? "true" : "false",
            LookupValue l => l.Id,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static bool Confirmed(CrmRecord record, CaseLabelOptions options, string current) =>
        options.ConfirmationField is not null && record[options.ConfirmationField] switch
        {
            BoolValue b => b.Value,
            { } other => Text(other) is { } confirmed && Same(confirmed, current),
            null => false,
        };

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
