namespace CrmExtensions.Jobs.Alerts;

/// <summary>What identifies one incident: the same kind, org and subject.</summary>
/// <param name="Kind">See <see cref="AlertKinds"/>.</param>
/// <param name="Org">The org.</param>
/// <param name="Subject">The job, model, credential or sender.</param>
public sealed record AlertKey(string Kind, string Org, string Subject)
{
    /// <inheritdoc />
    public override string ToString() => $"[{Kind}] org {Org} {Subject}";
}
