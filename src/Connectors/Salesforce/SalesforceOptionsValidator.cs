using Microsoft.Extensions.Options;

namespace CrmExtensions.Connectors.Salesforce;

/// <summary>Validates <see cref="SalesforceOptions"/> at start, with one message per bad setting naming it.</summary>
public sealed class SalesforceOptionsValidator : IValidateOptions<SalesforceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SalesforceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
