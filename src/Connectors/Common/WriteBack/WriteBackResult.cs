using CrmExtensions.Connectors.Common.Contracts;

namespace CrmExtensions.Connectors.Common.WriteBack;

/// <summary>What a write-back run did, per record, by outcome.</summary>
public sealed record WriteBackResult(string Table, IReadOnlyDictionary<WriteStatus, long> Records, int WriterCalls, TimeSpan Duration)
{
    /// <summary>Records with the given outcome.</summary>
    public long this[WriteStatus status] => Records.TryGetValue(status, out var count) ? count : 0;
}
