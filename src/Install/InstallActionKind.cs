namespace CrmExtensions.Install;

/// <summary>What an install or uninstall step did to one component.</summary>
public enum InstallActionKind
{
    /// <summary>The component was missing and was created.</summary>
    Created,

    /// <summary>The component existed and differed; it was updated in place.</summary>
    Updated,

    /// <summary>The component already matched; nothing was written.</summary>
    Unchanged,

    /// <summary>The component was removed.</summary>
    Deleted,

    /// <summary>Uninstall found nothing to remove.</summary>
    Absent,
}
