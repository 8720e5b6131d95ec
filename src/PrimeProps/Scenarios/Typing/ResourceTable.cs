namespace PrimeProps.Scenarios.Typing;

/// <summary>
/// The identities a reading of one scenario has met, shared by every thread's view: the type
/// of each variable, which thread (or the setup, -1) made it, the GEM objects (device, and the
/// dma-buf an import came from) and the dma-bufs (object, exporting device and file).
/// </summary>
public sealed class ResourceTable
{
    private readonly Dictionary<string, int> deviceIndex = [];
    private readonly Dictionary<string, Typed> types = [];
    private readonly Dictionary<string, int> owner = [];
    private readonly List<(int Device, int ImportedFrom)> objects = [];
    private readonly List<(int Object, int Device, int File)> buffers = [];
    private readonly Dictionary<int, int> bufferOfObject = [];
    private readonly Dictionary<(int File, int Buffer), int> importedObject = [];
    private readonly List<string> order = [];
    private int files, handles;

    public ResourceTable(IEnumerable<string> devices)
    {
        foreach (var d in devices)
            deviceIndex.TryAdd(d, deviceIndex.Count);
    }

    public int DeviceCount => deviceIndex.Count;

    public int DeviceOf(string name) => deviceIndex.GetValueOrDefault(name, -1);

    /// <summary>Every variable typed so far, in the order they were made.</summary>
    public IReadOnlyList<string> Variables => order;

    public Typed TypeOf(string var) => types.GetValueOrDefault(var, Typed.Unknown);

    public bool IsTyped(string var) => types.ContainsKey(var);

    /// <summary>The thread that made <paramref name="var"/> (-1: the setup), or null when not typed yet.</summary>
    public int? OwnerOf(string var) => owner.TryGetValue(var, out var t) ? t : null;

    public int DeviceOfObject(int obj) => objects[obj].Device;

    /// <summary>The dma-buf an imported object came from, or -1 for an object its device made.</summary>
    public int ImportedFrom(int obj) => objects[obj].ImportedFrom;

    public (int Object, int Device, int File) Buffer(int buffer) => buffers[buffer];

    internal void Define(string var, Typed type, int thread)
    {
        if (types.TryAdd(var, type))
        {
            owner[var] = thread;
            order.Add(var);
        }
    }

    internal int NewFile() => files++;

    internal int NewHandle() => handles++;

    internal int NewObject(int device, int importedFrom = -1)
    {
        objects.Add((device, importedFrom));
        return objects.Count - 1;
    }

    /// <summary>The dma-buf an export of <paramref name="obj"/> from <paramref name="file"/> gives: an import re-exports its original, an export is kept.</summary>
    internal int BufferFor(int obj, int file)
    {
        if (objects[obj].ImportedFrom >= 0)
            return objects[obj].ImportedFrom;
        if (bufferOfObject.TryGetValue(obj, out var b))
            return b;
        buffers.Add((obj, objects[obj].Device, file));
        return bufferOfObject[obj] = buffers.Count - 1;
    }

    /// <summary>The object an import of <paramref name="buffer"/> into a file of another device makes (one per file).</summary>
    internal int ImportedObject(int file, int device, int buffer)
    {
        if (!importedObject.TryGetValue((file, buffer), out var obj))
            importedObject[(file, buffer)] = obj = NewObject(device, buffer);
        return obj;
    }
}
