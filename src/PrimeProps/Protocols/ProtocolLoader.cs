using System.Reflection;
using System.Runtime.Loader;
using PrimeProps.Execution;
using PrimeProps.Scenarios;

namespace PrimeProps.Protocols;

/// <summary>A protocol found in a user's assembly: its name, its type, and where it came from.</summary>
public sealed record LoadedProtocol(string Name, string Description, Type Type, string AssemblyPath)
{
    public LinuxKernel Create() => (LinuxKernel)Activator.CreateInstance(Type)!;
}

/// <summary>An assembly that cannot be loaded or holds no usable protocol; the message names it.</summary>
public sealed class ProtocolLoadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Loads a user's assembly (a patch under review, a mutant, new ioctls) and finds its ops and
/// protocols: every public, non-abstract <see cref="OpSpec"/> subclass (registered, so the text
/// format, the byte codec, the generator and the reports know it) and every such
/// <see cref="LinuxKernel"/> subclass, each with a public parameterless constructor. The assembly gets its own load context that resolves its private dependencies
/// from its deps.json (<see cref="AssemblyDependencyResolver"/>), while every assembly this
/// process has already loaded, PrimeProps above all, is shared: a copy of PrimeProps.dll beside
/// the user's DLL would otherwise make its LinuxKernel a different type from ours.
/// </summary>
public static class ProtocolLoader
{
    public static IReadOnlyList<LoadedProtocol> Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new ProtocolLoadException($"--load {path}: no such file");
        Assembly assembly;
        try
        {
            assembly = AlreadyLoaded(AssemblyName.GetAssemblyName(full)) ?? new UserAssemblyContext(full).LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException e)
        {
            throw new ProtocolLoadException($"--load {path}: not a .NET assembly ({e.Message})", e);
        }
        catch (Exception e) when (e is FileLoadException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new ProtocolLoadException($"--load {path}: cannot load it ({e.Message})", e);
        }
        var types = ExportedTypes(assembly, path);
        // Ops first: a protocol's Ops may name them, and a scenario file parsed next may use them.
        var ops = Instances<OpSpec>(types, path).Select(op => RegisterOp(op, path)).ToList();
        var protocols = Instances<LinuxKernel>(types, path).Select(k => Describe(k, path, full)).ToList();
        if (protocols.Count == 0 && ops.Count == 0)
            throw new ProtocolLoadException($"--load {path}: no protocol or op in it (a public, non-abstract subclass of {typeof(LinuxKernel).FullName} "
                                            + $"or of {typeof(OpSpec).FullName} with a public parameterless constructor)");
        return protocols;
    }

    /// <summary>
    /// The assembly of that name this process already has (a second --load of it, a scenario's
    /// extension, or a test that references it): loading it again into a new context would make
    /// its types new ones, and a registered op's kernel entry could not cast the protocols to
    /// the kernel class it knows.
    /// </summary>
    private static Assembly? AlreadyLoaded(AssemblyName name)
        => AssemblyLoadContext.All.SelectMany(c => c.Assemblies).FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()));

    private static OpSpec RegisterOp(OpSpec op, string path)
    {
        try
        {
            return OpSpec.Register(op);
        }
        catch (ArgumentException e)
        {
            throw new ProtocolLoadException($"--load {path}: {e.Message}", e);
        }
    }

    private static Type[] ExportedTypes(Assembly assembly, string path)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            var why = e is ReflectionTypeLoadException r ? string.Join("; ", r.LoaderExceptions.Select(x => x?.Message).Distinct()) : e.Message;
            throw new ProtocolLoadException($"--load {path}: cannot read its types: {why}", e);
        }
    }

    /// <summary>One instance of each public, non-abstract subclass of <typeparamref name="T"/> with a public parameterless constructor, by full name.</summary>
    private static IEnumerable<T> Instances<T>(Type[] types, string path) where T : class
        => types
            .Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters && t.IsSubclassOf(typeof(T))
                        && t.GetConstructor(Type.EmptyTypes) is { IsPublic: true })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => Create<T>(t, path));

    private static T Create<T>(Type type, string path)
    {
        try
        {
            return (T)Activator.CreateInstance(type)!;
        }
        catch (Exception e) // its constructor threw, or it was built against another PrimeProps
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw new ProtocolLoadException($"--load {path}: cannot create {type.FullName}: {cause.GetType().Name}: {cause.Message}", e);
        }
    }

    private static LoadedProtocol Describe(LinuxKernel instance, string path, string full)
    {
        var type = instance.GetType();
        string name, description;
        try
        {
            (name, description) = (instance.Name, instance.Description);
        }
        catch (Exception e)
        {
            throw new ProtocolLoadException($"--load {path}: {type.FullName}.Name or .Description threw {e.GetType().Name}: {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace))
            throw new ProtocolLoadException($"--load {path}: {type.FullName} has the name '{name}': a protocol name must be one word");
        return new LoadedProtocol(name, description ?? "", type, full);
    }

    private sealed class UserAssemblyContext(string mainAssembly) : AssemblyLoadContext($"primeprops:{Path.GetFileName(mainAssembly)}")
    {
        private readonly AssemblyDependencyResolver resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName name)
        {
            var shared = Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()));
            if (shared is not null)
                return shared;
            return resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
            => resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}
