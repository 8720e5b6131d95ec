namespace PrimeProps.Scenarios.Typing;

/// <summary>What a scenario variable stands for, as a reading of the scenario (no run) can tell.</summary>
public enum Resource
{
    /// <summary>Made by another thread later in the text than the reader has got: it cannot say.</summary>
    Unknown,
    /// <summary>The result of a call with deliberately bad input: never a usable value.</summary>
    Invalid,
    DrmFile,
    DmaBuf,
    Handle,
    Name,
}

/// <summary>How a handle came to be; an import names the exporter's object on its own device, a new one elsewhere.</summary>
public enum HandleOrigin { None, Created, SelfImport, SameDeviceImport, ForeignImport, Opened }

/// <summary>
/// The type of one variable: its resource kind and which device, drm file (an identity shared
/// by dups of one open), GEM object, dma-buf and handle (an identity shared by variables that
/// name one handle number in one file, as the prime cache hands out) it stands for; -1 where
/// it does not apply. Identities are small integers in the order the reader met them.
/// </summary>
public readonly record struct Typed(Resource Kind, int Device = -1, int File = -1, int Object = -1, int Buffer = -1, int Handle = -1,
    HandleOrigin Origin = HandleOrigin.None)
{
    public static readonly Typed Unknown = new(Resource.Unknown);
    public static readonly Typed Invalid = new(Resource.Invalid);

    public bool IsFd => Kind is Resource.DrmFile or Resource.DmaBuf;
}

/// <summary>
/// Why a call's input is deliberately bad, as read from the scenario alone: the same reading
/// applies to generated scenarios, scenario files and fuzz inputs. <see cref="None"/>: every
/// argument is a live value of the kind its slot takes (the call may still fail by a race, an
/// injected fault or a kernel rule, but not by its input).
/// </summary>
public enum BadInput
{
    None,
    /// <summary>A raw number where a value belongs (a bad number, or an fd guessed as a racing thread would).</summary>
    RawNumber,
    /// <summary>A value of the wrong resource: a dma-buf fd as the drm file, a drm file as the dma-buf, a handle of another file, a name of another device.</summary>
    WrongKind,
    /// <summary>A value this thread (or the setup) already closed: a closed fd, a GEM_CLOSEd handle, a handle of a released file.</summary>
    Closed,
    /// <summary>Export flags other than CLOEXEC and RDWR.</summary>
    BadFlags,
    /// <summary>The result of a bad call, or of a call in the same thread that comes later in the text.</summary>
    NoSuchValue,
}
