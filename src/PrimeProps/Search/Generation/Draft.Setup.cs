using PrimeProps.Scenarios;
using PrimeProps.Scenarios.Typing;

namespace PrimeProps.Search;

public sealed partial class Draft
{
    /// <summary>
    /// The setup, alone and well-typed: drm files on each device, objects, and per object (by
    /// the swarm's shares) an export, an import of it into another file (another device first),
    /// and a flink name opened in another file of its device, so the threads start from
    /// objects that several files and devices hold.
    /// </summary>
    public (List<Op> Ops, ResourceView View) Setup()
    {
        var view = new ResourceView(table);
        var ops = new List<Op>();
        for (int d = 0; d < devices.Count; d++)
            for (int f = rng.Next(1, options.MaxFilesPerDevice); f > 0; f--)
                Emit(view, ops, Make(OpKind.Open, DeviceArg(d)), bad: false);
        var files = Live(view, t => t.Kind == Resource.DrmFile);
        for (int c = rng.Next(1, options.MaxObjects); c > 0; c--)
        {
            var file = rng.Pick(files);
            var create = Make(OpKind.CreateDumb, Ref(ValueKind.Fd, file));
            Emit(view, ops, create, bad: false);
            if (focusObject < 0)
                focusObject = TypeOf(create.Result!).Object;
            Share(view, ops, file, create.Result!, files);
        }
        nextFd = FirstFd + ops.Count(o => OpSpec.Of(o.Kind).Returns == ValueKind.Fd);
        return (ops, view);
    }

    private void Share(ResourceView view, List<Op> ops, string file, string handle, List<string> files)
    {
        var f = TypeOf(file);
        if (options.SetupMay(OpKind.HandleToFd) && rng.Chance(swarm.SetupExport))
        {
            var export = Make(OpKind.HandleToFd, Ref(ValueKind.Fd, file), Ref(ValueKind.Handle, handle), Arg.Number(ValueKind.Flags, PrimeFlags.DRM_CLOEXEC));
            Emit(view, ops, export, bad: false);
            if (options.SetupMay(OpKind.FdToHandle) && rng.Chance(swarm.SetupImport))
            {
                var others = files.Where(o => TypeOf(o).Device != f.Device).ToList();
                if (others.Count == 0)
                    others = [.. files.Where(o => TypeOf(o).File != f.File)];
                var into = others.Count > 0 ? rng.Pick(others) : file;
                Emit(view, ops, Make(OpKind.FdToHandle, Ref(ValueKind.Fd, into), Ref(ValueKind.Fd, export.Result!)), bad: false);
            }
        }
        var peers = files.Where(o => TypeOf(o).Device == f.Device && TypeOf(o).File != f.File).ToList();
        if (peers.Count > 0 && options.SetupMay(OpKind.Flink) && options.SetupMay(OpKind.GemOpen) && rng.Chance(swarm.SetupShare))
        {
            var name = Make(OpKind.Flink, Ref(ValueKind.Fd, file), Ref(ValueKind.Handle, handle));
            Emit(view, ops, name, bad: false);
            Emit(view, ops, Make(OpKind.GemOpen, Ref(ValueKind.Fd, rng.Pick(peers)), Ref(ValueKind.Name, name.Result!)), bad: false);
        }
    }
}
