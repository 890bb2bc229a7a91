using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Http;

internal static partial class DataverseApi
{
    /// <summary>
    /// Unbound <c>CloseIncident</c> action (dataverse.md §8: resolving a case goes through it): creates the
    /// incidentresolution and sets the case to Resolved with the given Status; returns 204.
    /// </summary>
    private static DataverseResponse CloseIncident(DataverseRequest request, RequestContext ctx)
    {
        using var doc = ParseJson(request.Body);
        var body = doc.RootElement;
        if (!body.TryGetProperty("IncidentResolution", out var resolution) || resolution.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("Status", out var statusElement) || !statusElement.TryGetInt32(out var status))
        {
            throw DataverseException.BadRequest("CloseIncident needs the parameters IncidentResolution and Status.");
        }

        var resolutions = ctx.Org.ByLogicalName("incidentresolution")!;
        var values = ParseBody(resolutions, resolution, ctx);
        var incidentColumn = resolutions.Table.ByLogicalName("incidentid")!;
        if (values.GetValueOrDefault(incidentColumn) is not EntityRef incidentRef)
        {
            throw DataverseException.BadRequest("IncidentResolution must bind incidentid (\"incidentid@odata.bind\": \"/incidents(<id>)\").");
        }

        var incidents = ctx.Org.ByLogicalName("incident")!;
        var incident = incidents.Find(incidentRef.Id) ?? throw RecordNotFound("incident", incidentRef.Id);
        var state = incidents.Table.ByLogicalName("statecode")!;
        var statusColumn = incidents.Table.ByLogicalName("statuscode")!;
        if (incident.Get(state.Index) is not 0)
        {
            throw new DataverseException(400, "0x80040203", "This case has already been resolved. Close and reopen the case, and then try again.");
        }

        if (statusColumn.Option(status) is not { State: 1 })
        {
            throw new DataverseException(400, "0x80048408", $"{status} is not a valid status code for state code IncidentState.Resolved on incident with Id {incident.Id:D}.");
        }

        ctx.Org.Create(resolutions, Guid.NewGuid(), values, ctx.CallerId, ctx.Tx);
        ctx.Org.Update(incidents, incident, new Dictionary<Metadata.ColumnDef, object?> { [state] = 1, [statusColumn] = status }, ctx.CallerId, ctx.Tx);
        ctx.RecordsWritten += 2;
        return DataverseResponse.NoContent();
    }
}
