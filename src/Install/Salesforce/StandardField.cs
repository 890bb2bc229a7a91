using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Install.Salesforce;

/// <summary>
/// A documented standard field (salesforce.md §9) that may be a feature. <paramref name="Required"/> fields cannot carry
/// field permissions (everyone sees them), <paramref name="LongText"/> ones are left out of flow entry conditions.
/// </summary>
internal sealed record StandardField(string Object, string Name, FieldType Type, bool Required = false, bool LongText = false);
