using PrimeProps.Kernel;
using PrimeProps.Scenarios;

namespace PrimeProps.Tests.Scenarios;

public class ScenarioParserTests
{
    public const string Sample = """
        primeprops-scenario 1
        device d0
        device d1 export-only
        setup:
          A = open d0
          h = create_dumb A
          big = create_dumb A 64x64x32
          fd = handle_to_fd A h CLOEXEC|RDWR
        thread T0:
          close fd
          gem_close A 1
        thread T1:
          fd2 = handle_to_fd A h
          close 4
        schedule: T1*3 T0 T1*2
        fault T1:1 drm_prime_member
        fault setup:2 gem_object

        """;

    public static TheoryData<string> Canonical => new()
    {
        Sample,
        "primeprops-scenario 1\n",
        "primeprops-scenario 1\ndevice d0\n",
        "primeprops-scenario 1\ndevice gpu\nsetup:\n  fd = open gpu\n",
        "primeprops-scenario 1\nthread T0:\nthread T1:\n  close -1\nschedule: T1 T1*2 T0\n",
        "primeprops-scenario 1\ndevice d0\nthread T0:\n  a = handle_to_fd 3 0 0\n  b = handle_to_fd 3 7 RDWR\n"
            + "  c = handle_to_fd 3 7 0x80001\n  d = handle_to_fd 3 7 -5\n  e = create_dumb 3 0x0x0\n",
        "primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n  h = create_dumb A\n  n = flink A h\n"
            + "thread T0:\n  h2 = gem_open A n\n  x = fd_to_handle A 9223372036854775807\n  y = dup -9223372036854775808\n"
            + "fault T0:2 object_idr\nfault T0:2 object_idr\n",
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Canonical_text_prints_back_byte_for_byte(string text)
    {
        var parsed = ScenarioParser.Parse(text);
        Assert.Equal(text, ScenarioPrinter.Print(parsed));
        ScenarioAssert.Equal(parsed, ScenarioParser.Parse(parsed.ToText()));
    }

    [Fact]
    public void Sample_parses_to_the_documented_structure()
    {
        var s = ScenarioParser.Parse(Sample);

        Assert.Equal([new DeviceDecl("d0", DeviceKind.Native), new DeviceDecl("d1", DeviceKind.ExportOnly)], s.Devices);
        Assert.Equal(4, s.Setup.Count);
        Assert.Equal((OpKind.Open, "A"), (s.Setup[0].Kind, s.Setup[0].Result));
        Assert.Equal(new Arg(ValueKind.Device, "d0", 0), s.Setup[0][0]);
        Assert.Equal([Arg.Ref(ValueKind.Fd, "A")], s.Setup[1].Args); // the optional dims are left out
        Assert.Equal(Arg.DimsOf(64, 64, 32), s.Setup[2][1]);
        Assert.Equal(Arg.Number(ValueKind.Flags, PrimeFlags.DRM_CLOEXEC | PrimeFlags.DRM_RDWR), s.Setup[3][2]);
        Assert.Equal(["T0", "T1"], s.Threads.Select(t => t.Name));
        Assert.Equal(Arg.Number(ValueKind.Handle, 1), s.Threads[0].Ops[1][1]);
        Assert.Null(s.Threads[0].Ops[1].Result);
        Assert.Equal([new ScheduleRun(1, 3), new ScheduleRun(0, 1), new ScheduleRun(1, 2)], s.Schedule);
        Assert.Equal([new Fault(1, 0, "drm_prime_member"), new Fault(Scenario.SetupThread, 1, "gem_object")], s.Faults);
    }

    [Fact]
    public void Loose_input_prints_in_canonical_form()
    {
        const string loose = "# a comment\r\n\r\n  primeprops-scenario   1  # trailing\r\n"
            + "device\td0 native\nsetup:\nA = open d0\n\th = create_dumb A\n"
            + "fd = handle_to_fd A h RDWR|CLOEXEC\nfd2 = handle_to_fd A h 0x80000\n"
            + "thread T0:\nclose 0x10\nschedule: T0 T0*0x2\nfault setup:004 s";
        const string canonical = "primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n  h = create_dumb A\n"
            + "  fd = handle_to_fd A h CLOEXEC|RDWR\n  fd2 = handle_to_fd A h CLOEXEC\nthread T0:\n  close 16\nschedule: T0 T0*2\nfault setup:4 s\n";

        Assert.Equal(canonical, ScenarioParser.Parse(loose).ToText());
    }

    [Fact]
    public void References_may_point_forward_and_keywords_may_name_variables()
    {
        const string text = "primeprops-scenario 1\ndevice d0\nthread T0:\n  close device\n  gem_close device h\n"
            + "thread T1:\n  device = open d0\n  h = create_dumb device\n";
        var s = ScenarioParser.Parse(text);

        Assert.Equal(Arg.Ref(ValueKind.Fd, "device"), s.Threads[0].Ops[0][0]);
        Assert.Equal(Arg.Ref(ValueKind.Handle, "h"), s.Threads[0].Ops[1][1]);
        Assert.Equal(text, s.ToText());
    }

    [Fact]
    public void A_built_scenario_survives_print_and_parse()
    {
        Op Op(OpKind kind, string? result, params Arg[] args) => new(kind, result, args);
        var s = new Scenario(
            [new DeviceDecl("a", DeviceKind.ExportOnly), new DeviceDecl("b", DeviceKind.Native)],
            [Op(OpKind.Open, "f", new Arg(ValueKind.Device, "b", 0)), Op(OpKind.CreateDumb, "h", Arg.Ref(ValueKind.Fd, "f"), Arg.DimsOf(1, 2, 3))],
            [new ThreadDecl("w", [Op(OpKind.HandleToFd, "x", Arg.Ref(ValueKind.Fd, "f"), Arg.Ref(ValueKind.Handle, "h"), Arg.Number(ValueKind.Flags, 0x7fff_ffff_ffff))]),
             new ThreadDecl("v", [Op(OpKind.Close, null, Arg.Number(ValueKind.Fd, -3)), Op(OpKind.HandleToFd, "y", Arg.Number(ValueKind.Fd, 1), Arg.Number(ValueKind.Handle, 2), Arg.Number(ValueKind.Flags, -1))])],
            Scenario.Compress([1, 1, 0, 1]),
            [new Fault(1, 1, "dma_buf"), new Fault(Scenario.SetupThread, 0, "drm_file")]);

        string text = ScenarioPrinter.Print(s);
        Assert.Contains("  x = handle_to_fd f h 0x7fffffffffff\n", text);
        Assert.Contains("  y = handle_to_fd 1 2 -1\n", text);
        Assert.Contains("schedule: v*2 w v\n", text);
        ScenarioAssert.Equal(s, ScenarioParser.Parse(text));
    }

    [Fact]
    public void Message_has_source_line_and_column()
    {
        const string text = "primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n  h = create_dumb A\n  h2 = create_dumb A\n gem_close A h9\n";
        var e = Assert.Throws<ScenarioParseException>(() => ScenarioParser.Parse(text, "row1.scn"));
        Assert.Equal("row1.scn:7:14: unknown variable 'h9' (defined variables of kind handle: h, h2)", e.Message);
        Assert.Equal(("row1.scn", 7, 14), (e.Source, e.Line, e.Column));
    }

    private const string Head = "primeprops-scenario 1\ndevice d0\nsetup:\n  A = open d0\n  h = create_dumb A\n";

    [Fact]
    public void Bad_header() => AssertError("primeprops-scenario 2\n", 1, 21, "unsupported format version '2' (supported: 1)");

    [Fact]
    public void Missing_header() => AssertError("# nothing\ndevice d0\n", 2, 1, "expected the header 'primeprops-scenario 1'");

    [Fact]
    public void Unknown_op() => AssertError(Head + "  x = opne d0\n", 6, 7, "unknown op 'opne'");

    [Fact]
    public void Unknown_variable() => AssertError(Head + "  gem_close A hh\n", 6, 15, "unknown variable 'hh' (defined variables of kind handle: h)");

    [Fact]
    public void Handle_variable_used_as_fd() => AssertError(Head + "  close h\n", 6, 9, "variable 'h' is a handle, but this argument of 'close' takes an fd");

    [Fact]
    public void Duplicate_variable_across_sections() =>
        AssertError(Head + "thread T0:\n  h = create_dumb A\n", 7, 3, "duplicate variable 'h' (first defined on line 5)");

    [Fact]
    public void Result_on_gem_close() => AssertError(Head + "  r = gem_close A h\n", 6, 3, "'gem_close' returns nothing");

    [Fact]
    public void Bad_flags_token() => AssertError(Head + "  f = handle_to_fd A h CLOEXEC|RDRW\n", 6, 24, "bad flags 'CLOEXEC|RDRW': expected 0, CLOEXEC, RDWR, CLOEXEC|RDWR");

    [Fact]
    public void Bad_dims() => AssertError(Head + "  b = create_dumb A 64x64\n", 6, 21, "bad dims '64x64': expected WIDTHxHEIGHTxBPP");

    [Fact]
    public void Dims_out_of_int_range() => AssertError(Head + "  b = create_dumb A 1x2147483648x1\n", 6, 21, "at most 2147483647");

    [Fact]
    public void Unknown_thread_in_schedule() => AssertError(Head + "thread T0:\nschedule: T0 T1*2\n", 7, 14, "unknown thread 'T1' in schedule (threads: T0)");

    [Fact]
    public void Schedule_repeat_count_of_zero() => AssertError(Head + "thread T0:\nschedule: T0*0\n", 7, 14, "repeat count 0 out of range 1..1000000");

    [Fact]
    public void Fault_op_index_out_of_range() => AssertError(Head + "fault setup:3 gem_object\n", 6, 13, "op index 3 out of range: setup has 2 op(s)");

    [Fact]
    public void Integer_overflow() => AssertError(Head + "  close 9223372036854775808\n", 6, 9, "integer overflow");

    [Fact]
    public void Hex_integer_overflow() => AssertError(Head + "  close 0x8000000000000000\n", 6, 9, "integer overflow");

    [Fact]
    public void Op_before_section() => AssertError("primeprops-scenario 1\ndevice d0\n  A = open d0\n", 3, 3, "op line before any section");

    [Fact]
    public void Too_many_arguments_names_the_signature() =>
        AssertError(Head + "  f = handle_to_fd A h 0 0\n", 6, 26, "too many arguments: expected handle_to_fd FD HANDLE [FLAGS]");

    [Fact]
    public void Too_few_arguments_names_the_signature() =>
        AssertError(Head + "  f = handle_to_fd A\n", 6, 21, "too few arguments: expected handle_to_fd FD HANDLE [FLAGS]");

    [Fact]
    public void Device_after_a_section() => AssertError(Head + "device d1\n", 6, 1, "device lines must come before the 'setup:' section");

    [Fact]
    public void Unknown_device() => AssertError(Head + "  B = open d9\n", 6, 12, "unknown device 'd9' (declared devices: d0)");

    [Fact]
    public void Thread_named_setup() => AssertError(Head + "thread setup:\n", 6, 8, "'setup' cannot name a thread");

    [Fact]
    public void Missing_file_is_reported_as_such_not_at_a_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"primeprops-missing-{Guid.NewGuid():N}.scn");
        var e = Assert.Throws<ScenarioParseException>(() => ScenarioParser.ParseFile(path));
        Assert.Equal((path, 0, 0), (e.Source, e.Line, e.Column));
        Assert.Equal($"cannot read {path}: no such file", e.Message);
        var folder = Assert.Throws<ScenarioParseException>(() => ScenarioParser.ParseFile(Path.GetTempPath()));
        Assert.Equal($"cannot read {Path.GetTempPath()}: is a directory", folder.Message);
    }

    [Fact]
    public void Parse_file_names_the_file_in_errors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"primeprops-{Guid.NewGuid():N}.scn");
        File.WriteAllText(path, Head + "  close h\n");
        try
        {
            var e = Assert.Throws<ScenarioParseException>(() => ScenarioParser.ParseFile(path));
            Assert.StartsWith($"{path}:6:9: ", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static void AssertError(string text, int line, int column, string fragment)
    {
        var e = Assert.Throws<ScenarioParseException>(() => ScenarioParser.Parse(text));
        Assert.Contains(fragment, e.Message);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"<text>:{line}:{column}: ", e.Message);
    }
}

/// <summary>Structural equality: the records hold lists, which compare by reference.</summary>
internal static class ScenarioAssert
{
    public static void Equal(Scenario expected, Scenario actual)
    {
        Assert.Equal(expected.Devices, actual.Devices);
        Ops(expected.Setup, actual.Setup);
        Assert.Equal(expected.Threads.Select(t => t.Name), actual.Threads.Select(t => t.Name));
        for (int i = 0; i < expected.Threads.Count; i++)
            Ops(expected.Threads[i].Ops, actual.Threads[i].Ops);
        Assert.Equal(expected.Schedule, actual.Schedule);
        Assert.Equal(expected.Faults, actual.Faults);
    }

    private static void Ops(IReadOnlyList<Op> expected, IReadOnlyList<Op> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].Kind, expected[i].Result), (actual[i].Kind, actual[i].Result));
            Assert.Equal(expected[i].Args, actual[i].Args);
        }
    }
}
