using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;
using PrimeProps.Tracing;
using static PrimeProps.Reference.ReferenceState;

namespace PrimeProps.Reference;

/// <summary>
/// The sequential reference of today's semantics (the uapi of drm_prime.c and drm_gem.c, v6.x), as a
/// step function: given a state and a call with the result the kernel gave, say whether the
/// result is one the reference allows, and move the state on.
/// </summary>
public static partial class ReferenceModel
{
    /// <summary>
    /// The results the reference allows for <paramref name="call"/>: usually one; several
    /// where the kernel's answer depends on heap addresses; none when the kernel's file
    /// identities contradict the reference (a re-export that made a new dma-buf, say).
    /// </summary>
    public static IReadOnlyList<long> Expected(ReferenceState s, Call call, Part part = Part.Whole) => Apply(s.Clone(), call, part);

    /// <summary>Applies (a part of) <paramref name="call"/> with its actual result; false when the reference does not allow that result.</summary>
    public static bool Step(ReferenceState s, Call call, Part part = Part.Whole) => Apply(s, call, part).Contains(call.Result);

    /// <summary>
    /// A call that puts a file on a new fd takes effect in two parts: what it does, and the fd
    /// install at its very end (the kernel reserves the fd number only then, so a concurrent
    /// close can free the number in between). A concurrent history orders the parts separately.
    /// </summary>
    public enum Part { Whole, Effect, Install }

    public static bool IsSplit(Call c) => c.Result >= 0 && OpSpec.Of(c.Kind).Returns == ValueKind.Fd; // open, dup, handle_to_fd

    /// <summary>
    /// Releases drm files whose last fd was closed once no call that looked them up is still
    /// pending: the kernel keeps the file alive until that ioctl's fput.
    /// </summary>
    /// <remarks>For a sequential history: the pending calls are <paramref name="calls"/> from index <paramref name="from"/>.</remarks>
    public static void ReleaseIdle(ReferenceState s, IReadOnlyList<Call> calls, int from)
    {
        if (s.Closing.Count > 0) // checked before the pending calls are listed: after almost every call nothing is closing
            ReleaseIdle(s, calls.Skip(from));
    }

    /// <summary>As above, with the pending calls listed.</summary>
    public static void ReleaseIdle(ReferenceState s, IEnumerable<Call> pending)
    {
        if (s.Closing.Count == 0)
            return;
        var held = pending.SelectMany(c => c.Resolved).ToHashSet();
        foreach (int id in s.Closing.ToList())
            if (!held.Contains(s.KernelFile[(Target.Drm, id)]))
                Release(s, id);
    }

    /// <summary>drm_release of a closing file: every handle goes as by GEM_CLOSE.</summary>
    public static void Release(ReferenceState s, int file)
    {
        var f = s.Files[file];
        foreach (var h in f.Handles.Keys.ToList())
            ReleaseHandle(s, f, h);
        s.Files.Remove(file);
        s.Closing.Remove(file);
    }

    private static readonly long[] NoResultFits = [];

    private static long[] Apply(ReferenceState s, Call c, Part part)
    {
        if (part == Part.Install)
            return s.PendingInstalls.Remove((c.Thread, c.Op), out var made) ? [NewFd(s, c, made)] : NoResultFits;
        return Semantics(c.Kind).Apply(s, c, part);
    }

    private static IReferenceOp Semantics(OpKind kind)
        => OpSpec.Of(kind) as IReferenceOp ?? throw new InvalidOperationException($"op '{OpSpec.Of(kind).Name}' declares no reference semantics ({nameof(IReferenceOp)})");

    /// <summary>
    /// What every ioctl does before its own part: the ioctl acts on the file its fget found,
    /// even if another thread closes the fd meanwhile; a file that is not a drm file has no
    /// DRM ioctls (ENOTTY); an ioctl outside the kernel's drm_ioctls[] is EINVAL.
    /// </summary>
    public static long[] Ioctl(ReferenceState s, Call c, Part part, IReferenceOp op)
    {
        if (Looked(s, c, 0, Fd(c.Args.A), out var target) is { } err)
            return [err];
        if (target.Kind != Target.Drm)
            return [-Errno.ENOTTY];
        if (!s.Files.TryGetValue(target.Id, out var file))
            return NoResultFits;
        if (!s.Ops.Contains(c.Kind))
            return [-Errno.EINVAL]; // drm_ioctl: not in this kernel's drm_ioctls[]
        return op.Ioctl(s, c, part, file);
    }

    /// <summary>open(2) of a card: a new drm file on a new fd.</summary>
    internal static long[] Open(ReferenceState s, Call c, Part part)
    {
        if (Fails(c, "drm_file"))
            return [-Errno.ENOMEM];
        return FdTableFull(s) ? [-Errno.EMFILE] : Installs(s, c, part, (Target.Drm, NewFile(s, c.Args.Device!.Index)));
    }

    /// <summary>dup(2): the same file on a new fd.</summary>
    internal static long[] Dup(ReferenceState s, Call c, Part part)
        => Looked(s, c, 0, Fd(c.Args.A), out var source) is { } bad ? [bad] : FdTableFull(s) ? [-Errno.EMFILE] : Installs(s, c, part, source);

    /// <summary>GEM_CLOSE: the handle goes (<see cref="ReleaseHandle"/>), or EINVAL when the file has no such handle.</summary>
    internal static long GemClose(ReferenceState s, OpenFile file, long handle)
        => file.Handles.ContainsKey(Handle(handle)) ? ReleaseHandle(s, file, Handle(handle)) : -Errno.EINVAL;

    /// <summary>
    /// The target behind fd argument <paramref name="index"/>: the file the kernel looked up
    /// when it did (by identity), else the fd number in the reference state; or EBADF.
    /// </summary>
    private static long? Looked(ReferenceState s, Call c, int index, long fd, out (Target Kind, int Id) target)
    {
        if (c.Resolved.Count > index)
        {
            if (s.ByKernelFile.TryGetValue(c.Resolved[index], out target))
                return null;
            return long.MinValue; // a file the reference never saw made: no result fits
        }
        return TryFd(s, fd, out target) ? null : -Errno.EBADF;
    }

    /// <summary>
    /// A new fd for <paramref name="target"/>, which must be the very struct file the kernel
    /// installed; as the Effect part, the fd comes later (the Install part).
    /// </summary>
    private static long[] Installs(ReferenceState s, Call c, Part part, (Target, int) target)
    {
        if (c.Result >= 0 && !s.Bind(target, c.Installed))
            return NoResultFits;
        if (part == Part.Effect)
        {
            s.PendingInstalls[(c.Thread, c.Op)] = target;
            return [c.Result];
        }
        return [NewFd(s, c, target)];
    }

    /// <summary>
    /// The ioctl structs hold handles and names as __u32 and the syscalls take fds as unsigned
    /// int (drm_prime_handle's __s32 fd has the same low 32 bits): the kernel sees only the
    /// low half of a scenario's 64-bit number.
    /// </summary>
    public static long Fd(long value) => (uint)value;

    /// <summary>A handle or name as the kernel reads it; 0 (never allocated) when beyond the idr's int range.</summary>
    public static int Handle(long value) => (uint)value is >= 1 and <= int.MaxValue ? (int)(uint)value : 0;

    private static bool TryFd(ReferenceState s, long fd, out (Target Kind, int Id) target)
    {
        target = default;
        return s.Fds.TryGetValue(fd, out target);
    }

    private static int NewFile(ReferenceState s, int device)
    {
        int id = s.NewId();
        s.Files[id] = new OpenFile(device);
        return id;
    }

    private static long NewFd(ReferenceState s, Call c, (Target Kind, int Id) target)
    {
        var (cloexec, readWrite) = ExpectedFlags(c, target, s);
        if (c.Flags is { } got && (got.Cloexec != cloexec || (readWrite is { } rw && got.ReadWrite != rw)))
            return long.MinValue; // right fd, wrong FD_CLOEXEC or access mode: no result fits
        int fd = s.NewId(s.Fds, c.Result);
        s.Fds[fd] = target;
        if (target.Kind == Target.Drm)
            s.Closing.Remove(target.Id); // a dup that found the file before its last close gives it an fd again
        s.CloseOnExec[fd] = cloexec;
        return fd;
    }

    /// <summary>
    /// FD_CLOEXEC comes from the call (<see cref="IReferenceOp.CloseOnExec"/>: only HANDLE_TO_FD
    /// can set it); the access mode from the file: a drm fd is O_RDWR, a
    /// dma-buf keeps the mode of the export that made it; stdio's is the harness's, unchecked.
    /// </summary>
    private static (bool Cloexec, bool? ReadWrite) ExpectedFlags(Call c, (Target Kind, int Id) target, ReferenceState s)
        => (Semantics(c.Kind).CloseOnExec(c),
            target.Kind switch
            {
                Target.Drm => true,
                Target.DmaBuf => s.DmaBufReadWrite.GetValueOrDefault(target.Id),
                _ => null,
            });

    /// <summary>No fd below RLIMIT_NOFILE is free: get_unused_fd_flags fails with EMFILE.</summary>
    private static bool FdTableFull(ReferenceState s) => s.Fds.LowestFree() >= FdTable.RLIMIT_NOFILE;

    private static int NewHandle(ReferenceState s, Call c, OpenFile file, int buffer)
    {
        int h = s.NewId(file.Handles, c.Result);
        file.Handles[h] = buffer;
        s.Buffers[buffer].HandleCount++;
        return h;
    }

    internal static long CreateDumb(ReferenceState s, Call c, OpenFile file)
    {
        var a = c.Args;
        if (a.Width <= 0 || a.Height <= 0 || a.Bpp <= 0)
            return -Errno.EINVAL;
        long cpp = (a.Bpp + 7) / 8;
        if (cpp > uint.MaxValue / a.Width || a.Height > uint.MaxValue / (cpp * a.Width))
            return -Errno.EINVAL;
        if (Fails(c, "gem_object") || Fails(c, "object_idr") || Fails(c, "drm_vma_offset_file"))
            return -Errno.ENOMEM; // the new object dies with its only reference
        int buffer = s.NewId();
        s.Buffers[buffer] = new SharedBuffer(file.Device, 0);
        return NewHandle(s, c, file, buffer);
    }

    /// <summary>GEM_CLOSE's effect: the cache entry for this handle goes; the last handle takes the name and the export link.</summary>
    private static long ReleaseHandle(ReferenceState s, OpenFile file, int handle)
    {
        PrimeCacheTree.Remove(file, handle);
        int buffer = file.Handles[handle];
        file.Handles.Remove(handle);
        var b = s.Buffers[buffer];
        if (--b.HandleCount == 0)
        {
            if (b.Name != 0)
                s.NamesOf(b.Device).Remove(b.Name);
            b.Name = 0;
            b.Link = 0;
        }
        return 0;
    }

    internal static long Close(ReferenceState s, Call c)
    {
        if (!TryFd(s, Fd(c.Args.A), out var t))
            return -Errno.EBADF;
        if (c.Resolved.Count > 0 && s.KernelFile.GetValueOrDefault(t) != c.Resolved[0])
            return long.MinValue; // the kernel closed another file than the fd holds here
        s.Fds.Remove((int)Fd(c.Args.A));
        s.CloseOnExec.Remove((int)Fd(c.Args.A));
        if (t.Kind == Target.Drm && !s.Fds.Items.Any(p => p.Value == t))
            s.Closing.Add(t.Id); // released by ReleaseIdle once no pending call holds it
        return 0;
    }

    internal static long Flink(ReferenceState s, Call c, OpenFile file, int handle)
    {
        if (!file.Handles.TryGetValue(handle, out int buffer))
            return -Errno.ENOENT;
        var b = s.Buffers[buffer];
        if (b.Name == 0)
        {
            if (Fails(c, "object_name_idr"))
                return -Errno.ENOMEM;
            var names = s.NamesOf(b.Device);
            b.Name = s.NewId(names, c.Result);
            names[b.Name] = buffer;
        }
        return b.Name;
    }

    internal static long GemOpen(ReferenceState s, Call c, OpenFile file)
    {
        int name = Handle(c.Args.B);
        if (!s.NamesOf(file.Device).TryGetValue(name, out int buffer))
            return -Errno.ENOENT;
        return Fails(c, "object_idr") || VmaAllowFails(c, file, buffer)
            ? -Errno.ENOMEM // a named object has handles: the failed one leaves no trace
            : NewHandle(s, c, file, buffer);
    }
}
