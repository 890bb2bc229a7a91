using System.Text.Json;
using CrmExtensions.Plugins.Events;

namespace CrmExtensions.Plugins.Dataverse;

/// <summary>
/// Reads what the host needs from a Dataverse webhook body, a serialized RemoteExecutionContext (dataverse.md §6):
/// OrganizationId, PrimaryEntityName, PrimaryEntityId, MessageName, OperationId, UserId and InitiatingUserId, and the
/// record from the step's images (<see cref="EntityImageRow"/>), which the worker scores without reading the CRM. Images
/// are removed above 256 KB and may lack columns: then the worker reads the record by id.
/// </summary>
public static class RemoteExecutionContextParser
{
    /// <summary>Parses the body; throws <see cref="EventPayloadException"/> naming the missing or bad property.</summary>
    public static CrmEvent Parse(ReadOnlySpan<byte> body, string? entityHeader = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException error)
        {
            // The reader's message gives a line and byte position, never content.
            throw new EventPayloadException($"The body is not valid JSON (line {error.LineNumber}, byte {error.BytePositionInLine}).", error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new EventPayloadException("The body is not a RemoteExecutionContext object.");
            }

            var org = RequiredGuid(root, "OrganizationId");
            var entity = String(root, "PrimaryEntityName") ?? entityHeader;
            if (string.IsNullOrWhiteSpace(entity) || string.Equals(entity, "none", StringComparison.OrdinalIgnoreCase))
            {
                throw new EventPayloadException("PrimaryEntityName is missing.");
            }

            var recordId = RequiredGuid(root, "PrimaryEntityId");
            var message = String(root, "MessageName") ?? throw new EventPayloadException("MessageName is missing.");
            var operation = Guid.TryParse(String(root, "OperationId"), out var op) && op != Guid.Empty ? op : (Guid?)null;
            var correlation = String(root, "CorrelationId");

            // OperationId identifies the asynchronous operation, which a retry repeats; without one, the correlation id
            // plus record and message is the next best key (UNVERIFIED: real orgs always sent OperationId in the doc sample).
            var key = operation is { } id ? $"dv:{id:D}" : $"dv:{correlation}:{recordId:D}:{message}";
            var callers = new[] { String(root, "UserId"), String(root, "InitiatingUserId") }.OfType<string>().Where(c => c.Length > 0).ToList();
            return new CrmEvent(org.ToString("D"), key, entity.ToLowerInvariant(), recordId.ToString("D"), message, callers)
            {
                Row = EntityImageRow.From(root, entity, recordId),
            };
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Guid RequiredGuid(JsonElement root, string name) =>
        Guid.TryParse(String(root, name), out var value) && value != Guid.Empty
            ? value
            : throw new EventPayloadException($"{name} is missing or not a GUID.");
}
