using PrimeProps.Scenarios;
using PrimeProps.Tracing;

namespace PrimeProps.Execution;

/// <summary>The userspace side: what each model thread does, and how references resolve.</summary>
public sealed partial class Executor
{
    private async KTask RunOps(ModelThread t, IReadOnlyList<Op> ops)
    {
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            t.CurrentOp = i;
            await Point("userspace", labels[op]);
            t.InSyscall = true;
            threadsInSyscall++;
            int invoked = step;
            var args = Resolve(op);
            t.Resolved.Clear();
            t.Installed = 0;
            t.InstalledFlags = null;
            long ret = await kernel.Syscall(op, args);
            await RunTaskWork(t);
            t.InSyscall = false;
            threadsInSyscall--;
            trace.Events.Add(new TraceEvent(TraceKind.Return, step, t.Index, i, "", labels[op], ret));
            history.Add(new Call(t.Index, i, op.Kind, args, ret, invoked, step) { Resolved = [.. t.Resolved], Installed = t.Installed, Flags = ret >= 0 ? t.InstalledFlags : null });
            if (op.Result is { } name && ret >= 0)
                values[name] = ret;
        }
    }

    /// <summary>do_exit: close every fd, as exit_files does, so the teardown oracles can look for leaks.</summary>
    private async KTask ExitProcess(ModelThread t)
    {
        await Point("do_exit", "exit_files");
        t.InSyscall = true;
        threadsInSyscall++;
        await kernel.exit_files();
        await RunTaskWork(t);
        t.InSyscall = false;
        threadsInSyscall--;
    }

    /// <summary>task_work_run on the way back to userspace: the deferred ____fput calls.</summary>
    private static async KTask RunTaskWork(ModelThread t)
    {
        for (int i = 0; i < t.TaskWork.Count; i++)
            await t.TaskWork[i]();
        t.TaskWork.Clear();
    }

    private Kernel.DrmDevice DeviceNamed(string name)
    {
        foreach (var d in state.Devices) // a loop: a lambda over the loop's variable would allocate at every op
            if (d.Name == name)
                return d;
        throw new InvalidOperationException($"no device {name}");
    }

    /// <summary>The number a reference to a result that does not exist (yet) reads: fd -1, handle or name 0.</summary>
    public static long UnsetValue(ValueKind kind) => kind == ValueKind.Fd ? -1 : 0;

    /// <summary>
    /// Turns symbolic references into numbers at the moment the call is made. A reference to
    /// a result that does not exist yet (another thread's op has not returned, or failed)
    /// becomes an invalid value (<see cref="UnsetValue"/>).
    /// </summary>
    private SyscallArgs Resolve(Op op)
    {
        var args = new SyscallArgs { Width = 1, Height = 1, Bpp = 32 };
        for (int i = 0; i < op.Args.Count; i++)
        {
            var a = op.Args[i];
            switch (a.Kind)
            {
                case ValueKind.Device:
                    args.Device = DeviceNamed(a.Var!);
                    break;
                case ValueKind.Dims:
                    (args.Width, args.Height, args.Bpp) = (a.Width, a.Height, a.Bpp);
                    break;
                default:
                    long v = a.IsRef ? values.GetValueOrDefault(a.Var!, UnsetValue(a.Kind)) : a.Raw;
                    if (i == 0) args.A = v; else if (i == 1) args.B = v; else args.C = v;
                    break;
            }
        }
        return args;
    }
}
