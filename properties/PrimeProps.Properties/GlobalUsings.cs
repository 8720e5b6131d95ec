// Every property file speaks FsCheck and the PrimeProps model.
global using FsCheck;
global using FsCheck.Fluent;
global using FsCheck.Xunit;
global using PrimeProps.FsCheck;
global using PrimeProps.Protocols;
global using PrimeProps.Scenarios;
