namespace CrmExtensions.Sandbox.Dataverse.Metadata;

/// <summary>
/// One option of a choice column. For statuscode options <see cref="State"/> is the statecode it belongs to; for
/// statecode options <see cref="DefaultStatus"/> is the status set when only the state is given.
/// </summary>
internal sealed record OptionDef(int Value, string Label, int? State = null, int? DefaultStatus = null);
