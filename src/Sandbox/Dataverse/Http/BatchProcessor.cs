namespace CrmExtensions.Sandbox.Dataverse.Http;

internal static class BatchProcessor
{
    public static DataverseResponse Execute(DataverseRequest request, RequestContext ctx) =>
        DataverseResponse.Error(501, "0x0", "Not implemented yet.");
}
