using PrimeProps.Fuzz;
using PrimeProps.Fuzzing;
using PrimeProps.Protocols;
using SharpFuzz;

// The AFL++ target (see `primeprops fuzz`, which builds, instruments and runs it):
//
//   dotnet PrimeProps.Fuzz.dll [--in-process] [PROTOCOL] [--load PATH.dll]... [--campaign DIR]
//                              [--input bytes|choices] [--schedules K] [--portfolio B]
//                              [--feedback none|switches|accesses]
//
// --input, --schedules, --portfolio and --feedback are FuzzOptions: how the bytes become a
// scenario (the byte codec, or the typed generator's choices), K more PCT schedules per input
// or check's portfolio of up to B, and which
// interleaving features (FeedbackMap) go into AFL++'s map besides the model's branch edges.
// --campaign only names the campaign's findings folder on the command line, so that ps
// (and a test that kills a campaign) can tell which campaign a harness process serves.
//
// PROTOCOL defaults to $PRIMEPROPS_PROTOCOL; --load makes the protocols of a user's assembly
// (a patch under review) selectable, as on the primeprops command line. The user's assembly
// shares this process's (instrumented) PrimeProps.dll, so the model's branches it reaches
// count as coverage; its own code is not instrumented.
//
// Each input is decoded to a scenario and run once (FuzzTarget). An oracle violation escapes
// as OracleViolationException, any other failure as HarnessBugException: both are crashes to
// AFL++, told apart when the crash is replayed. Out of process by default, so a stack
// overflow or a hang costs one child process, not the campaign; --in-process runs the model
// in the fork server's own process (faster, for measuring). Not under afl-fuzz, it runs
// the input on stdin once, which is how a crash file is checked by hand.
//
// PrimeProps.dll is instrumented, and instrumented code must not run before Fuzzer.Run has
// mapped AFL++'s coverage bitmap (it would write through a null map): so nothing here touches
// the library outside the fuzzed action, not even to check the protocol name, which the
// first input does instead (an unknown name throws, listing the known ones).

ParentDeath.KillWithParent(); // touches no PrimeProps code (see above)

const string ProtocolVariable = "PRIMEPROPS_PROTOCOL";
const string InProcess = "--in-process";
var loads = new List<string>();
int schedules = 0;      // FuzzOptions, built with the target (not before: see above)
int portfolio = 0;
string feedback = "none";
string inputFormat = "bytes";
var names = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--load" && i + 1 < args.Length)
        loads.Add(args[++i]);
    else if (args[i] == "--campaign" && i + 1 < args.Length)
        i++;
    else if (args[i] is "--schedules" or "--portfolio" or "--feedback" or "--input")
    {
        string option = args[i], value = i + 1 < args.Length ? args[++i] : "(none)";
        if (option == "--schedules" && int.TryParse(value, out int k) && k >= 0)
            schedules = k;
        else if (option == "--portfolio" && int.TryParse(value, out int b) && b >= 0)
            portfolio = b;
        else if (option == "--feedback" && value is "none" or "switches" or "accesses")
            feedback = value;
        else if (option == "--input" && value is "bytes" or "choices")
            inputFormat = value;
        else
        {
            Console.Error.WriteLine($"bad value for {option}: {value}");
            return 2;
        }
    }
    else if (args[i] != InProcess)
        names.Add(args[i]);
}
string? name = names.Count == 1 ? names[0] : names.Count == 0 ? Environment.GetEnvironmentVariable(ProtocolVariable) : null;
if (name is null)
{
    Console.Error.WriteLine($"usage: PrimeProps.Fuzz [{InProcess}] PROTOCOL [--load PATH.dll]... [--campaign DIR] [--input bytes|choices] [--schedules K] [--portfolio B] [--feedback none|switches|accesses] (or set ${ProtocolVariable})");
    return 2;
}

FuzzTarget? target = null;
var buffer = new MemoryStream(); // reused: one input at a time
void Check(Stream input)
{
    if (target is null)
    {
        var catalog = ProtocolCatalog.Load(loads);
        if (catalog.TryCreate(name) is null)
            throw new ArgumentException($"unknown protocol '{name}' ({catalog.Known})");
        var options = new FuzzOptions
        {
            Input = Enum.Parse<FuzzInput>(inputFormat, ignoreCase: true),
            Schedules = schedules,
            Portfolio = portfolio,
            Feedback = Enum.Parse<InterleavingFeedback>(feedback, ignoreCase: true),
        };
        target = new FuzzTarget(() => catalog.TryCreate(name)!, options, FeedbackMap.Hit);
    }
    buffer.SetLength(0);
    input.CopyTo(buffer);
    target.Check(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
}

if (args.Contains(InProcess))
    Fuzzer.Run(Check);
else
    Fuzzer.OutOfProcess.Run(Check);
return 0;
