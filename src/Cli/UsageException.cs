namespace CrmExtensions.Cli;

/// <summary>A problem with the command line or configuration: exit code 2 and a one-line reason.</summary>
internal sealed class UsageException(string message) : Exception(message);
