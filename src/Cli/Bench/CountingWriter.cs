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
    private long _failed;

    /// <summary>The first failure's reason (CRM messages, never field values), for the report.</summary>
    public string? FirstFailure { get; private set; }

    /// <summary>Records the CRM refused or that could not be sent since the last call.</summary>
    public long TakeFailed() => Interlocked.Exchange(ref _failed, 0);

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

        return WriteCountedAsync(table, updates, cancellationToken);
    }

    private async Task<IReadOnlyList<WriteOutcome>> WriteCountedAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken)
    {
        var outcomes = await inner.WriteAsync(table, updates, cancellationToken);
        foreach (var failed in outcomes.Where(o => o.Status == WriteStatus.Failed))
        {
            Interlocked.Increment(ref _failed);
            FirstFailure ??= $"{table}: {failed.Reason}";
        }

        return outcomes;
    }
}
