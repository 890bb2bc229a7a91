namespace CrmExtensions.Sandbox;

/// <summary>
/// HTTP status for an expired or unknown <c>$deltatoken</c>. dataverse.md §2 marks it UNVERIFIED ("most likely 400"),
/// so every plausible variant can be selected; the body is always error code 0x80044352.
/// </summary>
public enum DeltaTokenExpiredStatus
{
    /// <summary>400 Bad Request (the notes' most likely guess).</summary>
    BadRequest = 400,

    /// <summary>410 Gone.</summary>
    Gone = 410,

    /// <summary>500 Internal Server Error (platform exception surfaced as is).</summary>
    InternalServerError = 500,
}
