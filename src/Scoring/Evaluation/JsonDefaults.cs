using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmExtensions.Scoring.Evaluation;

/// <summary>The JSON conventions of everything Scoring writes (camelCase, enums as strings).</summary>
internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
