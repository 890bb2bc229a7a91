using System.Text;

namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>A Web API response before it is written to HTTP or into a $batch part.</summary>
internal sealed record DataverseResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, string? ContentType)
{
    public const string JsonContentType = "application/json; odata.metadata=minimal";

    public static DataverseResponse Json(int status, byte[] body, params KeyValuePair<string, string>[] headers) =>
        new(status, [new("OData-Version", "4.0"), .. headers], body, JsonContentType);

    public static DataverseResponse NoContent(params KeyValuePair<string, string>[] headers) =>
        new(204, [new("OData-Version", "4.0"), .. headers], null, null);

    public static DataverseResponse Text(int status, string text) =>
        new(status, [new("OData-Version", "4.0")], Encoding.UTF8.GetBytes(text), "text/plain");

    /// <summary><c>{"error":{"code":"…","message":"…"}}</c> (dataverse.md §3 "Error JSON shape").</summary>
    public static DataverseResponse Error(int status, string code, string message, params KeyValuePair<string, string>[] headers) =>
        Error(status, code, message, detailed: false, headers);

    private static DataverseResponse Error(int status, string code, string message, bool detailed, params KeyValuePair<string, string>[] headers)
    {
        var body = JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            if (detailed)
            {
                // Extra members with Prefer: odata.include-annotations (dataverse.md §3 "Error JSON shape").
                var hex = code.StartsWith("0x", StringComparison.Ordinal) ? code[2..] : code;
                w.WriteString("@Microsoft.PowerApps.CDS.HelpLink", $"http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a{hex}&client=platform");
                w.WriteString("@Microsoft.PowerApps.CDS.TraceText", string.Empty);
                w.WriteString("@Microsoft.PowerApps.CDS.InnerError.Message", message);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
        return Json(status, body, headers);
    }

    public static DataverseResponse From(DataverseException e, PreferHeader? prefer = null) =>
        Error(e.Status, e.Code, e.Message, prefer?.Wants("Microsoft.PowerApps.CDS.HelpLink") == true);
}
