namespace PrimeProps.Cli.Fuzzing;

/// <summary>
/// One campaign on several machines: each machine runs its own instance (`--instance NAME`:
/// one "main", the others secondaries) in its own findings tree, and they meet in a shared
/// folder (`--sync DIR`, on NFS or copied with rsync): SYNC/NAME/queue holds each instance's
/// queue. Every <see cref="Interval"/> and at the end, a campaign exports its instance's new
/// queue entries there and imports the other instances' into its own tree as
/// OUT/OTHER/queue, where AFL++'s own synchronization picks them up as it does for instances
/// on one machine (<see cref="AflEnvironment"/>). AFL++ secondaries sync only from a folder
/// marked with an is_main_node file, which AFL++ 4.04c's -M does not always leave: the
/// imported "main" folder gets one.
/// </summary>
/// <remarks>
/// Files are copied under their AFL++ names ("id:000012,..."), each to a temporary name then
/// renamed, so a reader on the other side never sees half a file; a name already there is
/// never copied again (AFL++ never rewrites a queue entry).
/// </remarks>
internal sealed class SyncDirectory(string syncDir, string findingsDir, string instance)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private const string MainMarker = "is_main_node";  // AFL++'s name

    /// <summary>Entries copied each way so far, for the summary.</summary>
    public int Exported { get; private set; }
    public int Imported { get; private set; }

    /// <summary>
    /// AFL++'s settings for a synced campaign: import the others' queues before fuzzing its own
    /// (else the first import waits for the end of the first queue entry's havoc stage), and
    /// sync every minute, not every 30 (AFL_SYNC_TIME, in minutes).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> AflEnvironment() => [new("AFL_IMPORT_FIRST", "1"), new("AFL_SYNC_TIME", "1")];

    /// <summary>Both directions, once.</summary>
    public void Exchange()
    {
        Exported += Copy(Path.Combine(findingsDir, instance), Path.Combine(syncDir, instance));
        if (!Directory.Exists(syncDir))
            return;
        foreach (var other in Directory.GetDirectories(syncDir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(other);
            if (name == instance || name.StartsWith('.'))
                continue;
            Imported += Copy(other, Path.Combine(findingsDir, name));
            if (name == AflFleet.Main && Directory.Exists(Path.Combine(findingsDir, name)))
                File.WriteAllBytes(Path.Combine(findingsDir, name, MainMarker), []);
        }
    }

    /// <summary>The queue entries of one instance folder that the target lacks; how many.</summary>
    private static int Copy(string from, string to)
    {
        var queue = Path.Combine(from, "queue");
        if (!Directory.Exists(queue))
            return 0;
        var target = Directory.CreateDirectory(Path.Combine(to, "queue")).FullName;
        int copied = 0;
        foreach (var file in Directory.GetFiles(queue, "id:*"))
            if (CopyNew(file, Path.Combine(target, Path.GetFileName(file))))
                copied++;
        return copied;
    }

    private static bool CopyNew(string from, string to)
    {
        if (File.Exists(to))
            return false;
        var temporary = Path.Combine(Path.GetDirectoryName(to)!, $".{Path.GetFileName(to)}.{System.Environment.ProcessId}.tmp");
        File.Copy(from, temporary, overwrite: true);
        File.Move(temporary, to, overwrite: false);
        return true;
    }
}
