using PrimeProps.Protocols;

namespace PrimeProps.Tests.Search;

/// <summary>Names in the protocol catalog: a loaded protocol may not take a built-in's or another loaded one's.</summary>
public sealed class ProtocolCatalogTests
{
    public sealed class NamedModern : Modern
    {
        public override string Name => "modern";
    }

    public sealed class Variant : Modern
    {
        public override string Name => "variant";
    }

    [Fact]
    public void A_loaded_protocol_named_like_a_built_in_is_refused_naming_both()
    {
        var catalog = ProtocolCatalog.BuiltIn;
        var e = Assert.Throws<ProtocolLoadException>(() => catalog.Add(new LoadedProtocol("modern", "", typeof(NamedModern), "/x/my.dll"), "my.dll"));
        Assert.Equal($"--load my.dll: {typeof(NamedModern).FullName} is named 'modern', the name of the built-in PrimeProps.Protocols.Modern: give it a name of its own", e.Message);
    }

    [Fact]
    public void Two_loaded_protocols_with_one_name_are_refused_and_a_good_one_is_found_with_its_built_in_ancestor()
    {
        var catalog = ProtocolCatalog.BuiltIn;
        catalog.Add(new LoadedProtocol("variant", "", typeof(Variant), "/x/a.dll"), "a.dll");
        var e = Assert.Throws<ProtocolLoadException>(() => catalog.Add(new LoadedProtocol("variant", "", typeof(Variant), "/x/b.dll"), "b.dll"));

        Assert.Contains("are both named 'variant'", e.Message);
        Assert.IsType<Variant>(catalog.TryCreate("variant"));
        Assert.Equal("modern", catalog.BuiltInAncestor("variant"));
        Assert.Equal("v3.6", catalog.BuiltInAncestor("v3.6"));
        Assert.Equal(["v3.6", "seed-2012", "modern", "v6.1", "v6.12", "variant"], catalog.Names);
    }
}
