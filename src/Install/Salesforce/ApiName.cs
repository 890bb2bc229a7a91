namespace CrmExtensions.Install.Salesforce;

/// <summary>
/// Salesforce developer names: start with a letter, letters, digits and single underscores, no trailing underscore
/// (custom names end in <c>__c</c>, whose double underscore is the only one allowed).
/// </summary>
internal static class ApiName
{
    public static bool IsValid(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 80 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        var stem = name.EndsWith("__c", StringComparison.Ordinal) ? name[..^3] : name;
        return stem.Length > 0 && stem.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            && !stem.Contains("__", StringComparison.Ordinal) && !stem.EndsWith('_');
    }
}
