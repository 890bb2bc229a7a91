namespace CrmExtensions.Sandbox.Dataverse.Store;

/// <summary>
/// Undo log for one request or one $batch change set: a change set is one transaction, so a failure undoes every
/// earlier operation in it (dataverse.md §3 $batch). Changes are published only on commit.
/// </summary>
internal sealed class Transaction(OrgStore store, Guid correlationId)
{
    private readonly List<Action> _undo = [];
    private readonly List<StoreChange> _changes = [];

    public Guid CorrelationId { get; } = correlationId;

    public void OnRollback(Action undo) => _undo.Add(undo);

    public void Record(StoreChange change) => _changes.Add(change);

    public void Rollback()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _undo[i]();
        }

        _undo.Clear();
        _changes.Clear();
    }

    /// <summary>Commits unless a synchronous step refuses; then rolls back and returns its message.</summary>
    public string? TryCommit()
    {
        if (_changes.Count > 0 && store.BeforeCommit?.Invoke(_changes) is { } error)
        {
            Rollback();
            return error;
        }

        Commit();
        return null;
    }

    public void Commit()
    {
        foreach (var change in _changes)
        {
            store.Publish(change);
        }

        _undo.Clear();
        _changes.Clear();
    }
}
