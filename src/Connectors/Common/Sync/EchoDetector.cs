using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Common.Sync;

/// <summary>
/// Recognises the echo of our own write-back: a changed record whose only differences from the stored copy are our
/// output fields and the CRM's bookkeeping columns (modified on/by, row version). Such a change carries nothing a model
/// reads (features never include our outputs), so it must not count as a change that triggers rescoring.
/// </summary>
public sealed class EchoDetector
{
    private readonly HashSet<string> _outputs;
    private readonly HashSet<string> _bookkeeping;

    /// <summary>Creates a detector.</summary>
    /// <param name="outputFields">The fields we write on this entity (from the output catalogue).</param>
    /// <param name="bookkeepingFields">Columns the CRM changes on every write (e.g. Dataverse <c>modifiedon</c>, <c>modifiedby</c>, <c>versionnumber</c>).</param>
    public EchoDetector(IEnumerable<string> outputFields, IEnumerable<string> bookkeepingFields)
    {
        _outputs = new HashSet<string>(outputFields, StringComparer.OrdinalIgnoreCase);
        _bookkeeping = new HashSet<string>(bookkeepingFields, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when the record might be an echo at all (it carries a non-empty output field), so the stored copy is worth reading.</summary>
    public bool MayBeEcho(CrmRecord incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return !incoming.Deleted && _outputs.Any(f => incoming[f] is not null);
    }

    /// <summary>True when <paramref name="incoming"/> differs from <paramref name="stored"/> in output fields only (plus bookkeeping).</summary>
    public bool IsEcho(CrmRecord? stored, CrmRecord incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (stored is null || stored.Deleted || incoming.Deleted)
        {
            return false;
        }

        var outputChanged = false;
        foreach (var field in stored.Values.Keys.Union(incoming.Values.Keys, StringComparer.OrdinalIgnoreCase))
        {
            if (_bookkeeping.Contains(field) || Equals(stored[field], incoming[field]))
            {
                continue;
            }

            if (!_outputs.Contains(field))
            {
                return false;
            }

            outputChanged = true;
        }

        return outputChanged;
    }
}
