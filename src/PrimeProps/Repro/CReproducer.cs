using System.Text;
using PrimeProps.Execution;
using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Repro;

/// <summary>
/// A self-contained C program that replays a scenario over the real DRM ioctls: the uapi
/// structs are declared inline, the device is the first vgem card unless argv[1] names one,
/// each model thread is a pthread, and the syscalls start in the order the model run started
/// them (a turn counter: as far as userspace can force an interleaving). Every result is
/// printed next to what the model returned; the exit status counts the differences.
/// </summary>
public static class CReproducer
{
    public static string Emit(RunResult run)
    {
        var s = run.Scenario;
        var calls = run.History.OrderBy(c => c.Invoked).ToList();
        var turn = calls.Select((c, i) => (c, i)).ToDictionary(p => (p.c.Thread, p.c.Op), p => p.i);
        var w = new StringBuilder();
        w.Append(Prelude(run));
        foreach (var wrapper in s.Setup.Concat(s.Threads.SelectMany(t => t.Ops)).Select(o => OpSpec.Of(o.Kind).CWrapper).OfType<string>().Distinct())
            w.Append(wrapper.TrimEnd()).Append("\n\n"); // an extension's call, which prime_ioctls.h lacks
        foreach (var v in Variables(s))
            w.Append($"static long {v.Name} = {(v.Kind == ValueKind.Fd ? -1 : 0)};\n");
        w.Append('\n');
        Thread(w, "setup", s.Setup, Scenario.SetupThread, run, turn);
        for (int t = 0; t < s.Threads.Count; t++)
            Thread(w, s.Threads[t].Name, s.Threads[t].Ops, t, run, turn);
        w.Append(Main(s));
        return w.ToString();
    }

    private static IEnumerable<(string Name, ValueKind Kind)> Variables(Scenario s)
        => s.Setup.Concat(s.Threads.SelectMany(t => t.Ops))
            .Where(o => o.Result is not null)
            .Select(o => ("v_" + o.Result, OpSpec.Of(o.Kind).Returns));

    private static void Thread(StringBuilder w, string name, IReadOnlyList<Op> ops, int thread, RunResult run, Dictionary<(int, int), int> turn)
    {
        w.Append($"static void *thread_{C(name)}(void *unused)\n{{\n\t(void)unused;\n");
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            long? model = run.ReturnOf(thread, i);
            int myTurn = turn.TryGetValue((thread, i), out var n) ? n : -1;
            w.Append($"\twait_turn({myTurn});\n");
            string what = $"{name} op {i + 1}: {ScenarioPrinter.PrintOp(op)}";
            var line = $"check(\"{what}\", {(model is { } m ? m.ToString() : "NOT_RUN")}, {Call(op)})";
            string flags = OpSpec.Of(op.Kind).Returns == ValueKind.Fd ? $"\t\tcheck_fd(\"{what}\", r, {ModelFlags(run, thread, i)});\n" : "";
            w.Append(op.Result is null && flags.Length == 0 ? $"\t{line};\n"
                : $"\t{{\n\t\tlong r = {line};\n{flags}{(op.Result is null ? "" : $"\t\tif (r >= 0)\n\t\t\tv_{op.Result} = r;\n")}\t}}\n");
        }
        w.Append("\treturn NULL;\n}\n\n");
    }

    /// <summary>
    /// The model's FD_CLOEXEC and O_RDWR for the fd the call returned, as C arguments; -1
    /// where the model has no answer (no fd, or a dup of stdio, whose mode is the harness's).
    /// </summary>
    private static string ModelFlags(RunResult run, int thread, int op)
    {
        var call = run.History.FirstOrDefault(c => c.Thread == thread && c.Op == op);
        if (call?.Flags is not { } f)
            return "-1, -1";
        bool stdio = call.Installed > 0 && run.Kernel.OpenedFiles[call.Installed - 1].Kind == Kernel.FileKind.Stdio;
        return $"{(f.Cloexec ? 1 : 0)}, {(stdio ? -1 : f.ReadWrite ? 1 : 0)}";
    }

    /// <summary>The op's C wrapper (<see cref="OpSpec.CFunction"/>) with its arguments, omitted ones at their default.</summary>
    private static string Call(Op op)
    {
        var spec = OpSpec.Of(op.Kind);
        var args = Enumerable.Range(0, spec.Params.Length).Select(i => spec.ArgOrDefault(op, i)).Where(a => a.Kind != ValueKind.Device).Select(a => a.Kind switch
        {
            ValueKind.Dims => $"{a.Width}, {a.Height}, {a.Bpp}",
            ValueKind.Flags => a.Raw == 0 ? "0" : $"0x{a.Raw:x}u",
            ValueKind.Number => $"{a.Raw}L",
            _ => Value(a),
        });
        return $"{spec.CFunction}({string.Join(", ", args)})";
    }

    private static string Value(Arg a) => a.IsRef ? "v_" + a.Var : a.Raw.ToString();

    private static string C(string name) => new(name.Select(ch => char.IsLetterOrDigit(ch) ? ch : '_').ToArray());

    private static string Main(Scenario s)
    {
        var w = new StringBuilder("int main(int argc, char **argv)\n{\n\tcard = argc > 1 ? argv[1] : find_vgem_card();\n");
        w.Append($"\tprintf(\"device %s; {s.Threads.Count} thread(s)\\n\", card);\n");
        w.Append("\tthread_setup(NULL);\n");
        if (s.Threads.Count > 0)
            w.Append($"\tpthread_t threads[{s.Threads.Count}];\n");
        for (int t = 0; t < s.Threads.Count; t++)
            w.Append($"\tpthread_create(&threads[{t}], NULL, thread_{C(s.Threads[t].Name)}, NULL);\n");
        for (int t = 0; t < s.Threads.Count; t++)
            w.Append($"\tpthread_join(threads[{t}], NULL);\n");
        w.Append("\tprintf(\"%d result(s) differ from the model\\n\", mismatches);\n\treturn mismatches;\n}\n");
        return w.ToString();
    }

    private static string Prelude(RunResult run) => $$"""
        /*
         * PrimeProps repro: protocol {{run.Protocol}}{{(run.Violation is { } v ? $", model verdict: {v.Oracle} ({v.Oracle.Class()})" : ", model verdict: clean")}}.
         * Build: gcc -static -pthread -Wall -o repro repro.c      Run (as root): ./repro [/dev/dri/cardN]
         * Syscalls start in the model's order; inside the kernel the interleaving is the
         * real scheduler's, so a race may need many runs (or a loop) to show.
         */
        #define _GNU_SOURCE
        #include <dirent.h>
        #include <fcntl.h>
        #include <pthread.h>
        #include <stdio.h>
        #include <string.h>

        {{PrimeIoctls.Header}}
        #define NOT_RUN (-1000000L)

        static const char *card;
        static int mismatches;
        static int turn;
        static pthread_mutex_t turn_lock = PTHREAD_MUTEX_INITIALIZER;
        static pthread_cond_t turn_moved = PTHREAD_COND_INITIALIZER;

        /* Start syscalls in the model's order: wait for my turn, then pass it on. */
        static void wait_turn(int mine)
        {
        	if (mine < 0)
        		return;
        	pthread_mutex_lock(&turn_lock);
        	while (turn != mine)
        		pthread_cond_wait(&turn_moved, &turn_lock);
        	turn++;
        	pthread_cond_broadcast(&turn_moved);
        	pthread_mutex_unlock(&turn_lock);
        }

        static long check(const char *what, long model, long got)
        {
        	if (model == NOT_RUN)
        		printf("%-60s = %ld  (not reached in the model)\n", what, got);
        	else if (model == got)
        		printf("%-60s = %ld\n", what, got);
        	else {
        		printf("%-60s = %ld  MODEL SAYS %ld\n", what, got, model);
        		__atomic_add_fetch(&mismatches, 1, __ATOMIC_RELAXED);
        	}
        	return got;
        }

        /* FD_CLOEXEC (F_GETFD) and O_ACCMODE (F_GETFL) of a returned fd, next to the model's (-1: none). */
        static void check_fd(const char *what, long fd, int model_cloexec, int model_rdwr)
        {
        	if (fd < 0)
        		return;
        	int fdflags = fcntl((int)fd, F_GETFD), fl = fcntl((int)fd, F_GETFL);
        	int cloexec = fdflags >= 0 && (fdflags & FD_CLOEXEC);
        	int acc = fl < 0 ? -1 : fl & O_ACCMODE;
        	const char *mode = acc == O_RDWR ? "rdwr" : acc == O_WRONLY ? "wronly" : acc == O_RDONLY ? "rdonly" : "?";
        	int differ = (model_cloexec >= 0 && cloexec != model_cloexec)
        		|| (model_rdwr >= 0 && (acc == O_RDWR) != model_rdwr);
        	if (differ) {
        		printf("%-60s   fd %ld: %s,%s  MODEL SAYS %s,%s\n", what, fd, cloexec ? "cloexec" : "-", mode,
        		       model_cloexec ? "cloexec" : "-", model_rdwr < 0 ? "any" : model_rdwr ? "rdwr" : "rdonly");
        		__atomic_add_fetch(&mismatches, 1, __ATOMIC_RELAXED);
        	} else
        		printf("%-60s   fd %ld: %s,%s\n", what, fd, cloexec ? "cloexec" : "-", mode);
        }

        static const char *find_vgem_card(void)
        {
        	static char path[64];
        	for (int i = 0; i < 16; i++) {
        		char link[256], driver[128];
        		snprintf(link, sizeof link, "/sys/class/drm/card%d/device/driver", i);
        		ssize_t n = readlink(link, driver, sizeof driver - 1);
        		if (n <= 0)
        			continue;
        		driver[n] = 0;
        		if (strstr(driver, "vgem")) {
        			snprintf(path, sizeof path, "/dev/dri/card%d", i);
        			return path;
        		}
        	}
        	return "/dev/dri/card0";
        }

        static inline long sys_open_card(void) { return ret_or_errno(open(card, O_RDWR)); }

        """;
}
