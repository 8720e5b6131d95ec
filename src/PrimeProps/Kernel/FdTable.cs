namespace PrimeProps.Kernel;

/// <summary>
/// The process's file descriptor table (struct files_struct). 0, 1 and 2 hold stdio, so the
/// first fd handed out is 3; fds are always the lowest free number.
/// </summary>
public sealed class FdTable
{
    public const int RLIMIT_NOFILE = 1024;
    private KFile?[] fdt = new KFile?[16];
    private bool[] reserved = new bool[16];
    private bool[] closeOnExec = new bool[16]; // fdt->close_on_exec: per fd, not per file
    private int lowestFree; // no fd below this is free: the scan starts here

    public KMutex file_lock { get; } = new("files->file_lock", spinlock: true);

    /// <summary>
    /// get_unused_fd_flags: reserves the lowest free fd, or -EMFILE; alloc_fd sets or clears
    /// the fd's close-on-exec bit from O_CLOEXEC right here, before the file is installed.
    /// </summary>
    public int get_unused_fd(bool cloexec = false)
    {
        for (int fd = lowestFree; fd < RLIMIT_NOFILE; fd++)
        {
            if (fd >= fdt.Length)
            {
                Array.Resize(ref fdt, fdt.Length * 2);
                Array.Resize(ref reserved, reserved.Length * 2);
                Array.Resize(ref closeOnExec, closeOnExec.Length * 2);
            }
            if (fdt[fd] is null && !reserved[fd])
            {
                reserved[fd] = true;
                closeOnExec[fd] = cloexec;
                lowestFree = fd + 1;
                return fd;
            }
        }
        return -Errno.EMFILE;
    }

    public void put_unused_fd(int fd)
    {
        reserved[fd] = false;
        lowestFree = Math.Min(lowestFree, fd);
    }

    /// <summary>fd_install: publishes a reserved fd. From here on userspace can close it.</summary>
    public void fd_install(int fd, KFile file)
    {
        reserved[fd] = false;
        fdt[fd] = file;
    }

    /// <summary>fcheck_files: the file at fd, or null for a free or reserved fd.</summary>
    public KFile? fcheck(long fd) => fd >= 0 && fd < fdt.Length ? fdt[fd] : null;

    /// <summary>FD_CLOEXEC as fcntl(fd, F_GETFD) reports it.</summary>
    public bool close_on_exec(long fd) => fd >= 0 && fd < closeOnExec.Length && closeOnExec[fd];

    /// <summary>Takes the file out of the table (the first half of close()).</summary>
    public KFile? pick(long fd)
    {
        var file = fcheck(fd);
        if (file is not null)
        {
            fdt[fd] = null;
            lowestFree = Math.Min(lowestFree, (int)fd);
        }
        return file;
    }

    /// <summary>Open fds in ascending order, as exit_files closes them.</summary>
    public IEnumerable<int> OpenFds()
    {
        for (int fd = 0; fd < fdt.Length; fd++)
            if (fdt[fd] is not null)
                yield return fd;
    }
}
