using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmExtensions.Scoring.Cases;

/// <summary>Writes an undefined figure (NaN) as JSON null, so metrics documents stay plain JSON numbers.</summary>
internal sealed class NaNAsNullConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteNumberValue(Math.Round(value, 6));
        }
    }
}
