namespace PrimeProps.Bench.Races;

/// <summary>One hunt for the race: iterations (schedules, or loop rounds for OS threads) and seconds until the first detection.</summary>
internal sealed record RaceHunt(int Iterations, double Seconds, bool Found, string? Detail = null)
{
    /// <summary>Infinite when not found, so a median says so.</summary>
    public double IterationsToFind => Found ? Iterations : double.PositiveInfinity;
}
