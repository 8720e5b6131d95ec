namespace PrimeProps.KernelLane;

/// <summary>One disagreement between the real kernel and the model: where, and what each side said.</summary>
public sealed record Mismatch(string Scenario, string Syscall, string Kernel, string Model)
{
    public override string ToString() => $"MISMATCH {Scenario}: {Syscall}: kernel {Kernel}, model {Model}";
}
