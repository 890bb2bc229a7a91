using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Reports;
using CrmExtensions.Reports.Data;
using CrmExtensions.Reports.Html;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx report --out report.html</c>: the overview, models and segments pages in one self-contained file.</summary>
internal static class ReportCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(TextWriter output)
    {
        var outFile = new Option<FileInfo>("--out") { Description = "The HTML file to write (overwritten).", DefaultValueFactory = _ => new FileInfo("report.html") };
        var command = new Command("report", "Write the overview, models and segments pages as one self-contained HTML file (no script, works offline).") { outFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliSettings.Load(parse);
            await using var store = await CrmStore.OpenAsync(settings.Store, cancellationToken);
            var written = await WriteAsync(store, parse.GetRequiredValue(outFile).FullName, cancellationToken);
            await output.WriteLineAsync(parse.GetValue(GlobalOptions.Json)
                ? JsonSerializer.Serialize(written, Json)
                : written.Describe());
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>Reads the store and writes the report file (through a temporary file, so a half-written report never replaces a whole one).</summary>
    public static async Task<WrittenReport> WriteAsync(CrmStore store, string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var data = await new ReportReader(new ReportSources(store.JobRuns, store.Models, store.Records, store.Drift), TimeProvider.System).ReadAsync(cancellationToken);
        var read = clock.Elapsed;
        var html = ReportHtml.SingleFile(data);
        var rendered = clock.Elapsed - read;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, html, new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return new WrittenReport(path, Encoding.UTF8.GetByteCount(html), data.Orgs.Count, data.Models.Count, data.Segmentations.Count,
            Math.Round(read.TotalMilliseconds, 1), Math.Round(rendered.TotalMilliseconds, 1));
    }
}

/// <summary>What <c>crmx report</c> wrote, with how long reading the store and rendering took.</summary>
internal sealed record WrittenReport(string Path, long Bytes, int Orgs, int Models, int Segmentations, double ReadMilliseconds, double RenderMilliseconds)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Report written to {Path} ({Bytes / 1024.0:0.0} KiB: {Orgs} orgs, {Models} models, {Segmentations} segmentations; store read in {ReadMilliseconds:0.0} ms, rendered in {RenderMilliseconds:0.0} ms)");
}
