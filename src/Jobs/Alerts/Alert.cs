namespace CrmExtensions.Jobs.Alerts;

/// <summary>
/// One operational alert. <paramref name="Message"/> names jobs, tables, fields, counts and reasons — never field
/// values, keys or tokens: it leaves the installation (a Teams/Slack channel).
/// </summary>
/// <param name="Kind">What happened (see <see cref="AlertKinds"/>).</param>
/// <param name="Org">The org it concerns (<c>-</c> when none).</param>
/// <param name="Subject">What in the org: a job (<c>sync:lead</c>), a model, a credential, a sender.</param>
/// <param name="Message">What an on-call engineer reads.</param>
public sealed record Alert(string Kind, string Org, string Subject, string Message)
{
    /// <summary>The incident this alert belongs to: alerts with the same key are one incident.</summary>
    public AlertKey Key => new(Kind, Org, Subject);

    /// <summary>One line: <c>[kind] org subject: message</c>.</summary>
    public string Text => $"[{Kind}] org {Org} {Subject}: {Message}";
}
