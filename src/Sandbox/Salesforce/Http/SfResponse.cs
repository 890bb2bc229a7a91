using CrmExtensions.Sandbox.Dataverse.Http;

namespace CrmExtensions.Sandbox.Salesforce.Http;

/// <summary>Salesforce response shapes (salesforce.md §5): JSON bodies, errors as a JSON array of message/errorCode.</summary>
internal static class SfResponse
{
    public const string JsonType = "application/json;charset=UTF-8";

    public static DataverseResponse Json(int status, byte[] body, params KeyValuePair<string, string>[] headers) => new(status, headers, body, JsonType);

    public static DataverseResponse NoContent() => new(204, [], null, null);

    /// <summary><c>[{"message":"…","errorCode":"…"}]</c>, with <c>fields</c> when given (salesforce.md §5 "Error body shape").</summary>
    public static DataverseResponse Error(int status, string errorCode, string message, IReadOnlyList<string>? fields = null) =>
        Json(status, JsonBuffer.Write(w =>
        {
            w.WriteStartArray();
            w.WriteStartObject();
            if (fields is not null)
            {
                w.WriteStartArray("fields");
                foreach (var f in fields)
                {
                    w.WriteStringValue(f);
                }

                w.WriteEndArray();
            }

            w.WriteString("message", message);
            w.WriteString("errorCode", errorCode);
            w.WriteEndObject();
            w.WriteEndArray();
        }));
}
