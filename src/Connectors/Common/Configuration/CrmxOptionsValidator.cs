using CrmExtensions.Scoring.Records;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Connectors.Common.Configuration;

/// <summary>Validates connections at start, with messages that name the setting (<c>Crmx:Connections:1:Url</c>).</summary>
public sealed class CrmxOptionsValidator : IValidateOptions<CrmxOptions>
{
    private static readonly string[] Kinds = ["dataverse", "salesforce", "csv"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CrmxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Connections.Count; i++)
        {
            var connection = options.Connections[i];
            var at = $"{CrmxOptions.Section}:Connections:{i}";
            if (string.IsNullOrWhiteSpace(connection.Name))
            {
                failures.Add($"{at}:Name is required.");
            }
            else if (!names.Add(connection.Name))
            {
                failures.Add($"{at}:Name '{connection.Name}' is used by another connection.");
            }

            if (!Kinds.Contains(connection.Kind, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{at}:Kind must be one of {string.Join(", ", Kinds)}.");
            }
            else if (connection.Kind.Equals("csv", StringComparison.OrdinalIgnoreCase))
            {
                if (string.IsNullOrWhiteSpace(connection.Path))
                {
                    failures.Add($"{at}:Path is required for a csv connection (the folder of exported files).");
                }
            }
            else if (!IsCrmUrl(connection.Url))
            {
                failures.Add($"{at}:Url must be an absolute https URL (http only for localhost).");
            }

            if (connection.OrganizationId is { Length: > 0 } org && !IsOrgId(org))
            {
                failures.Add($"{at}:OrganizationId is not a valid organisation id.");
            }

            foreach (var entity in connection.Entities)
            {
                try
                {
                    Names.ValidateEntity(entity);
                }
                catch (RecordValidationException)
                {
                    failures.Add($"{at}:Entities contains a name that is not an entity name (letters, digits, '_').");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsCrmUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static bool IsOrgId(string value)
    {
        try
        {
            OrgId.Parse(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
