using System.Xml.Linq;
using static CrmExtensions.Install.Salesforce.MetadataXml;

namespace CrmExtensions.Install.Salesforce;

/// <summary>
/// How a change reaches <c>crmx serve</c> without Apex (salesforce.md §7a): per object an outbound message (Workflow
/// metadata, sent as the integration user, no session id, only <c>Id</c> and <c>LastModifiedById</c> — the loop guard
/// reads the latter — to the endpoint that carries the key), fired by two record-triggered flows: one on create, one
/// on update filtered to feature fields, so our own write-backs (output fields only) never call us back.
/// </summary>
/// <remarks>
/// Two flows rather than one "created or updated" flow: <c>IsChanged</c> conditions and <c>ISNEW()</c> have no
/// documented meaning on create in flow entry conditions, and long text areas are left out of the conditions.
/// </remarks>
internal static class EventWiringMetadata
{
    public const string OutboundMessageName = "CRMX_Record_Changed";

    /// <summary>The fields each notification carries: ids only, never customer values (the handler re-reads the record).</summary>
    public static readonly IReadOnlyList<string> MessageFields = ["Id", "LastModifiedById"];

    public static string CreatedFlowName(string objectName) => $"CRMX_{objectName}_Created";

    public static string ChangedFlowName(string objectName) => $"CRMX_{objectName}_Changed";

    /// <summary>The <c>workflows/&lt;Object&gt;.workflow-meta.xml</c> holding our outbound message.</summary>
    public static string WorkflowXml(string objectName, SalesforcePackageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Document("Workflow",
            E("outboundMessages",
                E("fullName", OutboundMessageName),
                E("apiVersion", options.ApiVersion),
                E("description", $"CrmExtensions: tells crmx serve that a {objectName} was created or changed a feature field. The URL carries the shared key."),
                E("endpointUrl", options.EndpointWithKey.AbsoluteUri),
                MessageFields.Select(f => E("fields", f)),
                E("includeSessionId", false),
                E("integrationUser", options.IntegrationUser),
                E("name", $"CrmExtensions {objectName} changed"),
                E("protected", false),
                E("useDeadLetterQueue", false)));
    }

    /// <summary>The flow that sends every new record.</summary>
    public static string CreatedFlowXml(string objectName, string apiVersion) =>
        FlowXml(objectName, apiVersion, "Create", $"CrmExtensions: {objectName} created",
            $"Sends each new {objectName} to CrmExtensions for scoring (outbound message {OutboundMessageName}).", []);

    /// <summary>The flow that sends a record when one of <paramref name="featureFields"/> changed.</summary>
    public static string ChangedFlowXml(string objectName, string apiVersion, IReadOnlyList<StandardField> featureFields)
    {
        ArgumentNullException.ThrowIfNull(featureFields);
        var watched = featureFields.Where(f => !f.LongText).Select(f => f.Name).Distinct(StringComparer.Ordinal).ToList();
        if (watched.Count == 0)
        {
            throw new InstallException($"Object {objectName}: no feature field to watch; add one with --feature-field {objectName}.Field.");
        }

        var filters = watched.Select(f => E("filters", E("field", f), E("operator", "IsChanged"), E("value", E("booleanValue", true))));
        return FlowXml(objectName, apiVersion, "Update", $"CrmExtensions: {objectName} changed",
            $"Sends a {objectName} to CrmExtensions when a feature field changes ({string.Join(", ", watched)}); changes of CRMX_ fields do not trigger it.",
            [E("filterLogic", "or"), .. filters]);
    }

    private static string FlowXml(string objectName, string apiVersion, string trigger, string label, string description, IReadOnlyList<XElement> conditions) =>
        Document("Flow",
            E("actionCalls",
                E("name", "Send_to_CrmExtensions"),
                E("label", "Send to CrmExtensions"),
                E("locationX", 176),
                E("locationY", 323),
                E("actionName", $"{objectName}.{OutboundMessageName}"),
                E("actionType", "outboundMessage"),
                E("flowTransactionModel", "CurrentTransaction")),
            E("apiVersion", apiVersion),
            E("description", description),
            E("environments", "Default"),
            E("interviewLabel", label + " {!$Flow.CurrentDateTime}"),
            E("label", label),
            Meta("BuilderType", "LightningFlowBuilder"),
            Meta("CanvasMode", "AUTO_LAYOUT_CANVAS"),
            Meta("OriginBuilderType", "LightningFlowBuilder"),
            E("processType", "AutoLaunchedFlow"),
            E("start",
                E("locationX", 50),
                E("locationY", 0),
                E("connector", E("targetReference", "Send_to_CrmExtensions")),
                conditions,
                E("object", objectName),
                E("recordTriggerType", trigger),
                E("triggerType", "RecordAfterSave")),
            E("status", "Active"));

    private static XElement Meta(string name, string value) =>
        E("processMetadataValues", E("name", name), E("value", E("stringValue", value)));
}
