// KTask is the return type of every kernel function in the model.
global using PrimeProps.Runtime;
