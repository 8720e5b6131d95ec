using PrimeProps.Execution;

namespace PrimeProps.Protocols;

/// <summary>The built-in protocols by name. Each run gets a fresh instance.</summary>
public static class ProtocolRegistry
{
    private static readonly (string Name, Func<LinuxKernel> Create)[] builtIn =
    [
        ("v3.6", () => new V3_6()),
        ("seed-2012", () => new Seed2012()),
        ("modern", () => new Modern()),
        ("v6.1", () => new V6_1()),
        ("v6.12", () => new V6_12()),
    ];

    /// <summary>
    /// <c>modern</c> with one fix of GEM_CHANGE_HANDLE's history undone each (the catalog's
    /// change-handle rows): nameable like the built-in protocols, but not among
    /// <see cref="Names"/>, which are the eras every suite runs.
    /// </summary>
    private static readonly (string Name, Func<LinuxKernel> Create)[] history =
    [
        ("modern-change-handle-as-merged", () => new ChangeHandleAsMerged()),
        ("modern-change-handle-no-int-max-check", () => new ChangeHandleNoIntMaxCheck()),
        ("modern-change-handle-old-handle-live", () => new ChangeHandleOldHandleLive()),
        ("modern-change-handle-new-slot-unpublished", () => new ChangeHandleNewSlotUnpublished()),
        ("modern-change-handle-lookup-unlocked", () => new ChangeHandleLookupUnlocked()),
    ];

    public static IEnumerable<string> Names => builtIn.Select(p => p.Name);

    /// <summary>The history variants' names (see <see cref="history"/>).</summary>
    public static IEnumerable<string> HistoryVariants => history.Select(p => p.Name);

    public static LinuxKernel Create(string name)
        => TryCreate(name) ?? throw new ArgumentException($"unknown protocol '{name}' (built in: {string.Join(", ", Names)})");

    public static LinuxKernel? TryCreate(string name)
        => (builtIn.FirstOrDefault(p => p.Name == name).Create ?? history.FirstOrDefault(p => p.Name == name).Create)?.Invoke();
}
