namespace CrmExtensions.Sandbox.Faults;

/// <summary>Draws seeded fault decisions, one after another, so the same request sequence replays the same faults.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultSettings _settings;
    private Random _random;

    public FaultInjector(FaultSettings settings)
    {
        _settings = settings;
        _random = new Random(settings.Seed);
    }

    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }

        set
        {
            lock (_gate)
            {
                _settings = value;
                _random = new Random(value.Seed);
            }
        }
    }

    /// <summary>True with the probability the selector picks from the current settings.</summary>
    public bool Roll(Func<FaultSettings, double> probability)
    {
        lock (_gate)
        {
            var p = probability(_settings);
            return p > 0 && _random.NextDouble() < p;
        }
    }
}
