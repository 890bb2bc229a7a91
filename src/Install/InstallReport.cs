namespace CrmExtensions.Install;

/// <summary>What an install or uninstall did, and how many Web API calls it took.</summary>
/// <param name="Actions">One entry per component, in the order they were handled.</param>
/// <param name="ReadCalls">GET requests sent.</param>
/// <param name="WriteCalls">POST, PATCH, PUT and DELETE requests sent; zero on a run that found everything in place.</param>
public sealed record InstallReport(IReadOnlyList<InstallAction> Actions, int ReadCalls, int WriteCalls)
{
    /// <summary>Number of actions of the given kind.</summary>
    public int Count(InstallActionKind kind) => Actions.Count(a => a.Kind == kind);
}
