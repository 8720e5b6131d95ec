using PrimeProps.Scenarios.Typing;
using PrimeProps.Tracing;

namespace PrimeProps.Search;

/// <summary>
/// The situations facet of an op's declaration: which of the named situations
/// (<see cref="Situations.All"/>) a successful, well-typed call of it reached, alone and in
/// flight with another thread's call. An op without it reaches only the situations every
/// call can (fd and handle numbers reused, a raw fd that hit a file, a fault).
/// </summary>
public interface ISituatedOp
{
    /// <summary>What call <paramref name="c"/> (typed <paramref name="op"/>) reached, given the calls before it (<paramref name="log"/>).</summary>
    void Reached(SituationLog log, Call c, TypedOp op) { }

    /// <summary>
    /// What <paramref name="c"/> reached with <paramref name="d"/>, another thread's call in
    /// flight at the same time (both successful for <paramref name="c"/>, well typed);
    /// <paramref name="sameObject"/>: both take a handle of one object second;
    /// <paramref name="first"/>: <paramref name="c"/> returned first in the history.
    /// </summary>
    void Raced(SituationLog log, Call c, Call d, bool sameObject, bool first) { }
}

/// <summary>The situations reached so far in one run, and what the calls before the current one left for later ones to meet.</summary>
public sealed class SituationLog
{
    internal HashSet<string> ReachedNames { get; } = [];

    /// <summary>Handles made by gem_open (the handle's type and the step its call returned).</summary>
    public List<(Typed Handle, int Returned)> OpenedHandles { get; } = [];

    /// <summary>(kernel file, handle number) pairs a GEM_CLOSE freed: a later handle of that number in that file reused it.</summary>
    public HashSet<(int File, long Handle)> FreedHandles { get; } = [];

    /// <summary>Records that <paramref name="situation"/> (a name of <see cref="Situations.All"/>) was reached.</summary>
    public void Add(string situation) => ReachedNames.Add(situation);
}
