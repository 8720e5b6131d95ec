namespace PrimeProps.Oracles;

/// <summary>The oracles every run checks unless told otherwise.</summary>
public static class OracleSet
{
    public static readonly IReadOnlyList<IOracle> Default =
    [
        new OneDmaBufPerObject(),
        new HandleCountMatchesHandles(),
        new PrimeCacheEntriesAreLive(),
        new NoLeakAtTeardown(),
    ];
}
