namespace CrmExtensions.Sandbox.Dataverse.Http;

internal static partial class DataverseApi
{
    private static DataverseResponse MetadataRequest(DataverseRequest request, RequestContext ctx, string path) =>
        throw new DataverseException(501, "0x0", "Not implemented yet.");
}
