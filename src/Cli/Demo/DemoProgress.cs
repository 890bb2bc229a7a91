using Spectre.Console;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// Shows how far the demo is: on an interactive terminal a progress bar per CRM on stderr (phases done, the current
/// one named, elapsed time); otherwise one line per phase on stderr, or nothing with <c>--json</c>. Never on stdout,
/// which carries the summary or the JSON object.
/// </summary>
internal abstract class DemoProgress
{
    /// <summary>Shows nothing (callers that run the demo in-process, e.g. tests seeding a store).</summary>
    public static DemoProgress Silent { get; } = new Lines(null);

    /// <summary>Runs <paramref name="work"/> with the progress display that suits <paramref name="error"/>.</summary>
    public static async Task<T> RunAsync<T>(TextWriter error, bool json, IReadOnlyList<string> crms, int phasesPerCrm, Func<DemoProgress, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!Interactive(error))
        {
            return await work(new Lines(json ? null : error));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Interactive = InteractionSupport.Yes,
            Ansi = AnsiSupport.Detect,
        });
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = crms.ToDictionary(c => c, c => context.AddTask(Markup.Escape(c), maxValue: phasesPerCrm), StringComparer.Ordinal);
                return await work(new Bars(bars));
            });
    }

    /// <summary>A phase of <paramref name="crm"/> starts; the previous one, if any, is done.</summary>
    public abstract void Phase(string crm, string name);

    /// <summary>Everything of <paramref name="crm"/> is done.</summary>
    public abstract void Done(string crm);

    /// <summary>A note that belongs to no phase (starting sandboxes, the host).</summary>
    public abstract void Note(string text);

    // Only a real terminal gets bars: redirected stderr (CI logs, tests' writers) gets lines.
    private static bool Interactive(TextWriter error) =>
        error == Console.Error && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    private sealed class Lines(TextWriter? error) : DemoProgress
    {
        public override void Phase(string crm, string name) => error?.WriteLine($"{crm}: {name}…");

        public override void Done(string crm) => error?.WriteLine($"{crm}: done");

        public override void Note(string text) => error?.WriteLine(text);
    }

    private sealed class Bars(Dictionary<string, ProgressTask> bars) : DemoProgress
    {
        private readonly HashSet<string> _started = new(StringComparer.Ordinal);

        public override void Phase(string crm, string name)
        {
            var bar = bars[crm];
            if (!_started.Add(crm))
            {
                bar.Increment(1);
            }

            bar.Description = Markup.Escape($"{crm}: {name}");
        }

        public override void Done(string crm)
        {
            var bar = bars[crm];
            bar.Value = bar.MaxValue;
            bar.Description = Markup.Escape($"{crm}: done");
        }

        public override void Note(string text)
        {
            // Bars say enough on a terminal; notes are for logs.
        }
    }
}
