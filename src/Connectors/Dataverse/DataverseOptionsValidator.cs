using Microsoft.Extensions.Options;

namespace CrmExtensions.Connectors.Dataverse;

/// <summary>Validates <see cref="DataverseOptions"/> at start, with one message per bad setting naming it.</summary>
public sealed class DataverseOptionsValidator : IValidateOptions<DataverseOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DataverseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
