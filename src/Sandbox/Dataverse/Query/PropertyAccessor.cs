using CrmExtensions.Sandbox.Dataverse.Metadata;

namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>How to read one property of a row for filtering and sorting.</summary>
internal sealed record PropertyAccessor<TRow>(AttributeType Type, bool DateOnly, Func<TRow, object?> Get);
