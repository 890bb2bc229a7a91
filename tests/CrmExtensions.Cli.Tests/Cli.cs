namespace CrmExtensions.Cli.Tests;

/// <summary>Runs crmx in-process and captures its output, error and exit code.</summary>
internal static class Cli
{
    public static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
