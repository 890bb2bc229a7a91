using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Webhooks;

/// <summary>
/// Serialises a RemoteExecutionContext the way Dataverse posts it (dataverse.md §6 doc example): DataContract JSON
/// with <c>__type</c> hints, <c>\/Date(ms)\/</c> dates and every '/' escaped.
/// </summary>
internal static class ExecutionContextWriter
{
    private const string Contracts = ":http://schemas.microsoft.com/xrm/2011/Contracts";
    private static readonly string[] AuditColumns = ["modifiedon", "modifiedby"];

    public sealed record Image(string Alias, TableDef Table, Guid Id, object?[] Values, IReadOnlyList<ColumnDef> Columns)
    {
        /// <summary>The row version, written as <c>versionnumber</c> as the Web API shows it.</summary>
        public long Version { get; init; }
    }

    public static byte[] Write(
        OrgStore org, StoreChange change, Guid stepId, int stage, int mode, Guid operationId,
        IReadOnlyList<Image> preImages, IReadOnlyList<Image> postImages, bool withoutLargeParts)
    {
        var table = change.Table;
        var body = Http.JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("BusinessUnitId", org.Identity.BusinessUnitId);
            w.WriteString("CorrelationId", change.CorrelationId);
            w.WriteNumber("Depth", 1);
            w.WriteString("InitiatingUserId", change.UserId);
            if (!withoutLargeParts)
            {
                w.WriteStartArray("InputParameters");
                w.WriteStartObject();
                w.WriteString("key", "Target");
                w.WritePropertyName("value");
                if (change.MessageName == "Delete")
                {
                    EntityReference(w, table.LogicalName, change.Id);
                }
                else
                {
                    var columns = change.ChangedColumns.Append(table.PrimaryId).Concat(AuditColumns.Select(table.ByLogicalName).OfType<ColumnDef>())
                        .DistinctBy(c => c.Index).ToList();
                    Entity(w, new Image("Target", table, change.Id, change.After!, columns) { Version = change.AfterVersion }, withType: true);
                }

                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteBoolean("IsExecutingOffline", false);
            w.WriteBoolean("IsInTransaction", false);
            w.WriteBoolean("IsOfflinePlayback", false);
            w.WriteNumber("IsolationMode", 1);
            w.WriteString("MessageName", change.MessageName);
            w.WriteNumber("Mode", mode);
            w.WriteString("OperationCreatedOn", Date(change.At));
            w.WriteString("OperationId", operationId);
            w.WriteString("OrganizationId", org.Identity.OrganizationId);
            w.WriteString("OrganizationName", org.Identity.Key);
            w.WriteStartArray("OutputParameters");
            if (change.MessageName == "Create")
            {
                w.WriteStartObject();
                w.WriteString("key", "id");
                w.WriteString("value", change.Id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("OwningExtension");
            EntityReference(w, "sdkmessageprocessingstep", stepId, withType: false);
            if (!withoutLargeParts)
            {
                w.WriteNull("ParentContext");
                Images(w, "PostEntityImages", postImages);
                Images(w, "PreEntityImages", preImages);
            }

            w.WriteString("PrimaryEntityId", change.Id);
            w.WriteString("PrimaryEntityName", table.LogicalName);
            w.WriteNull("RequestId");
            w.WriteString("SecondaryEntityName", "none");
            w.WriteStartArray("SharedVariables");
            w.WriteEndArray();
            w.WriteNumber("Stage", stage);
            w.WriteString("UserId", change.UserId);
            w.WriteEndObject();
        });

        // DataContractJsonSerializer escapes every '/', which only ever occurs inside JSON strings.
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("/", "\\/", StringComparison.Ordinal));
    }

    private static void Images(Utf8JsonWriter w, string name, IReadOnlyList<Image> images)
    {
        w.WriteStartArray(name);
        foreach (var image in images)
        {
            w.WriteStartObject();
            w.WriteString("key", image.Alias);
            w.WritePropertyName("value");
            Entity(w, image, withType: false);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Entity(Utf8JsonWriter w, Image image, bool withType)
    {
        w.WriteStartObject();
        if (withType)
        {
            w.WriteString("__type", "Entity" + Contracts);
        }

        w.WriteStartArray("Attributes");
        foreach (var column in image.Columns)
        {
            w.WriteStartObject();
            w.WriteString("key", column.LogicalName);
            w.WritePropertyName("value");
            Value(w, column, ValueOf(image, column));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNull("EntityState");

        // Choice labels, as an Entity's FormattedValues carries them (UNVERIFIED whether a real image always includes them).
        w.WriteStartArray("FormattedValues");
        foreach (var column in image.Columns)
        {
            if (column.Type is AttributeType.Picklist or AttributeType.State or AttributeType.Status
                && ValueOf(image, column) is int option && column.Option(option)?.Label is { } label)
            {
                w.WriteStartObject();
                w.WriteString("key", column.LogicalName);
                w.WriteString("value", label);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteString("Id", image.Id);
        w.WriteStartArray("KeyAttributes");
        w.WriteEndArray();
        w.WriteString("LogicalName", image.Table.LogicalName);
        w.WriteStartArray("RelatedEntities");
        w.WriteEndArray();
        w.WriteNull("RowVersion");
        w.WriteEndObject();
    }

    private static object? ValueOf(Image image, ColumnDef column) =>
        column.Type == AttributeType.BigInt && column.LogicalName == "versionnumber" && image.Version > 0 ? image.Version
        : column.Index < image.Values.Length ? image.Values[column.Index] : null;

    private static void EntityReference(Utf8JsonWriter w, string logicalName, Guid id, bool withType = true)
    {
        w.WriteStartObject();
        if (withType)
        {
            w.WriteString("__type", "EntityReference" + Contracts);
        }

        w.WriteString("Id", id);
        w.WriteStartArray("KeyAttributes");
        w.WriteEndArray();
        w.WriteString("LogicalName", logicalName);
        w.WriteNull("Name");
        w.WriteNull("RowVersion");
        w.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter w, ColumnDef column, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case EntityRef r:
                EntityReference(w, r.LogicalName, r.Id);
                break;
            case int i when column.Type is AttributeType.Picklist or AttributeType.State or AttributeType.Status:
                w.WriteStartObject();
                w.WriteString("__type", "OptionSetValue" + Contracts);
                w.WriteNumber("Value", i);
                w.WriteEndObject();
                break;
            case decimal m when column.Type == AttributeType.Money:
                w.WriteStartObject();
                w.WriteString("__type", "Money" + Contracts);
                w.WriteNumber("Value", m);
                w.WriteEndObject();
                break;
            case DateTime d:
                w.WriteStringValue(Date(d));
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case Guid g:
                w.WriteStringValue(g);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case long l:
                w.WriteNumberValue(l);
                break;
            case decimal m:
                w.WriteNumberValue(m);
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Date(DateTime utc) =>
        $"/Date({new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)})/";
}
