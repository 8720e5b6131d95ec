using System.Reflection;

namespace PrimeProps.Bench.Races;

/// <summary>Whether this assembly went through <c>coyote rewrite</c>: without it Coyote's results mean nothing here.</summary>
internal static class CoyoteRewriting
{
    /// <summary>Null when rewritten, else why Coyote cannot be measured.</summary>
    public static string? Check()
        => typeof(CoyoteRewriting).Assembly.GetCustomAttributes()
               .Any(a => a.GetType().FullName == "Microsoft.Coyote.Rewriting.RewritingSignatureAttribute")
            ? null
            : "this assembly was not rewritten by `coyote rewrite` (the build's CoyoteRewrite step did not run), and without it the engine does not control Task.Run or lock";
}
