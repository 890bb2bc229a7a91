namespace CrmExtensions.Scoring.Cases;

/// <summary>Who a case's category came from, judged against the value we last wrote (see <see cref="LabelProvenance"/>).</summary>
public enum LabelSource
{
    /// <summary>No category: not a label; the case may be categorised.</summary>
    None,

    /// <summary>A person set it and we never wrote the field (or it is in a field only people write): a label.</summary>
    AgentSet,

    /// <summary>We wrote a value and a person replaced it with another: a label, and a correction of our value.</summary>
    AgentCorrected,

    /// <summary>We wrote a value and a person confirmed it: a label.</summary>
    AgentConfirmed,

    /// <summary>The value is the one we wrote and nobody confirmed it: never a label (the model would learn from itself).</summary>
    OursUnconfirmed,

    /// <summary>We wrote a value and a person cleared the field: no label, but a correction of our value.</summary>
    AgentCleared,

    /// <summary>The synced record predates our last write, so it cannot say what a person did since: no label, not counted.</summary>
    Stale,
}
