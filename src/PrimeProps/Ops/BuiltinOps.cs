using System.Runtime.CompilerServices;
using PrimeProps.Scenarios;

namespace PrimeProps.Ops;

/// <summary>
/// Registers the built-in calls, in <see cref="OpKind"/> order, when this library loads: the
/// same <see cref="OpSpec.Register"/> a user's assembly calls for its own.
/// </summary>
internal static class BuiltinOps
{
    // A module initializer (not a static constructor of OpSpec) because OpSpec lives in a lower
    // namespace than the declarations, which use every layer up to the generator.
#pragma warning disable CA2255 // the registry must be full before any scenario is parsed, drawn or decoded
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        OpSpec[] builtins =
        [
            new OpenOp(), new CreateDumbOp(),
            new GemCloseOp(), new HandleToFdOp(),
            new FdToHandleOp(),
            new CloseOp(), new DupOp(), new FlinkOp(),
            new GemOpenOp(), new GemChangeHandleOp(),
        ];
        for (int i = 0; i < builtins.Length; i++)
            if (OpSpec.Register(builtins[i]).Kind != (OpKind)i)
                throw new InvalidOperationException($"built-in op '{builtins[i].Name}' registered as {OpSpec.Of((OpKind)i).Name}'s number: OpKind and this list disagree");
    }
}
