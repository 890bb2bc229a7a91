using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Outputs;

/// <summary>One output of one model for one record, before it is mapped to a CRM field.</summary>
public sealed record ModelOutput(string Model, OutputSlot Slot, FieldValue? Value);
