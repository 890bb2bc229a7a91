using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Cli.Bench;

/// <summary>
/// Passes writes through to the connector's writer and adds up, per <see cref="ICrmWriter.WriteAsync"/> call, the
/// protocol minimum of calls for the records handed over (<paramref name="minimumFor"/>). It counts records, never
/// calls: the calls are counted by the sandbox.
/// </summary>
internal sealed class CountingWriter(ICrmWriter inner, Func<int, long> minimumFor) : ICrmWriter
{
    private long _minimum;

    public int PreferredUpdatesPerCall => inner.PreferredUpdatesPerCall;

    /// <summary>The minimum for every record handed over since the last <see cref="TakeMinimum"/>.</summary>
    public long TakeMinimum() => Interlocked.Exchange(ref _minimum, 0);

    public Task<IReadOnlyList<WriteOutcome>> WriteAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count > 0)
        {
            Interlocked.Add(ref _minimum, minimumFor(updates.Count));
        }

        return inner.WriteAsync(table, updates, cancellationToken);
    }
}
