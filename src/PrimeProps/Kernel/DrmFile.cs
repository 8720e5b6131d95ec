namespace PrimeProps.Kernel;

/// <summary>struct drm_file: one open of a drm device, with its handle table and prime cache.</summary>
public sealed class DrmFile : KObject
{
    private readonly DrmDevice device;
    private readonly Idr<GemObject> idr;
    private readonly KMutex tableLock;
    private readonly DrmPrimeFilePrivate primeCache;

    public DrmFile(KernelState kernel, int id, DrmDevice device) : base(kernel, $"drm_file#{id}")
    {
        this.device = device;
        idr = new Idr<GemObject> { OnSlotChange = static (obj, delta) => obj.IdrSlots += delta };
        primeCache = new DrmPrimeFilePrivate(this);
        tableLock = new KMutex($"{Label}->table_lock", spinlock: true, "drm_file->table_lock");
    }

        public DrmDevice dev { get { Use(); return device; } }
    public Idr<GemObject> object_idr { get { Use(); return idr; } }
    public KMutex table_lock { get { Use(); return tableLock; } }
    public DrmPrimeFilePrivate prime { get { Use(); return primeCache; } }

    internal DrmDevice RawDev => device;
    internal Idr<GemObject> RawIdr => idr;
    internal DrmPrimeFilePrivate RawPrime => primeCache;
}

/// <summary>struct drm_prime_member: one cache entry (dma-buf, handle) of a file.</summary>
/// <remarks>In v3.6 an entry can even hold NULL: it copies obj->export_dma_buf, which a racing
/// release may have cleared.</remarks>
public sealed class DrmPrimeMember(DmaBuf? dmaBuf, int handle)
{
    public DmaBuf? dma_buf { get; } = dmaBuf;
    public int handle { get; set; } = handle;
}

/// <summary>
/// struct drm_prime_file_private: the per-file cache that makes a re-import in the same file
/// return the same handle. A list in v3.6 and the seed (head insertion, first match wins);
/// since v4.19 two rb-trees, by dma-buf address and by handle. <see cref="head"/> holds every
/// entry in both eras (newest first, for the oracles and the state dumps); the rb-tree era
/// also links each entry into <see cref="dmabufs"/>, whose shape answers lookups by dma-buf.
/// Handles are unique in a file, so the by-handle tree needs no shape: a search of the list
/// finds the one entry it would.
/// </summary>
public sealed class DrmPrimeFilePrivate(DrmFile owner)
{
    public KMutex @lock { get; } = new($"{owner.Label}->prime.lock", lockClass: "drm_file->prime.lock");
    public List<DrmPrimeMember> head { get; } = [];
    public RbTree<DrmPrimeMember> dmabufs { get; } = new();

    /// <summary>
    /// list_add: new entries go first, as in the kernel's list. Storing a dma-buf that is
    /// already freed or being released (f_count 0) records a dangling pointer.
    /// </summary>
    public void list_add(DrmPrimeMember member)
    {
        if (member.dma_buf is { } dying && (dying.Freed || dying.RawFile?.RawCount == 0))
            throw owner.Kernel.Bug(OracleKind.DanglingPointer,
                $"{owner} records {dying} in its prime cache, but {dying} is {(dying.Freed ? "freed" : "being released (f_count 0)")}", dying);
        head.Insert(0, member);
        if (member.dma_buf is { } buf)
            buf.CacheEntries++;
        owner.Kernel.Touched(owner);
    }

    public void list_del(DrmPrimeMember member)
    {
        head.Remove(member);
        if (member.dma_buf is { } buf)
            buf.CacheEntries--;
        owner.Kernel.Touched(owner);
    }

    /// <summary>
    /// drm_prime_add_buf_handle's walk down the dmabufs tree: right while the new dma-buf's
    /// address is greater, else left (equal addresses go left), then rb_insert_color.
    /// </summary>
    public void rb_insert(DrmPrimeMember member)
    {
        list_add(member);
        var kernel = owner.Kernel;
        dmabufs.Insert(member, pos => kernel.AddressOf(member.dma_buf!) > kernel.AddressOf(pos.dma_buf!));
    }

    public void rb_erase(DrmPrimeMember member)
    {
        list_del(member);
        dmabufs.Erase(member);
    }

    /// <summary>drm_prime_lookup_buf_handle's walk: the first entry on the path from the root whose dma-buf matches.</summary>
    public DrmPrimeMember? rb_find(DmaBuf dma_buf)
    {
        var kernel = owner.Kernel;
        return dmabufs.Find(pos => pos.dma_buf == dma_buf ? 0 : kernel.AddressOf(pos.dma_buf!) < kernel.AddressOf(dma_buf) ? 1 : -1);
    }
}
