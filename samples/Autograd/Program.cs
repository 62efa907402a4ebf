using System;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Samples.Autograd;

/// <summary>
/// The notebooks' autograd cells: <c>sum((x + 2) * (x - 2))</c>, <c>10 * sum(x^2)</c>, <c>sum(log x)</c> and
/// <c>sum(x^2)</c>, each printed as the notebook prints it, followed by the symbolic gradient SymGrad derived for it.
/// </summary>
public static partial class Program
{
    /// <summary>Seeds 001 and 002: <c>y = ((x + 2) * (x - 2)).sum()</c>.</summary>
    [Differentiable]
    public static float Product(ReadOnlyTensorSpan<float> x) => Sum((x + 2f) * (x - 2f));

    /// <summary>Seed 002: <c>y = x.sum()</c>.</summary>
    [Differentiable]
    public static float Total(ReadOnlyTensorSpan<float> x) => Sum(x);

    /// <summary>Seed 003: <c>10 * (x ** 2).sum()</c>.</summary>
    [Differentiable]
    public static float ScaledSquares(ReadOnlyTensorSpan<float> x) => 10f * Sum(Pow(x, 2f));

    /// <summary>Seed 003: <c>(x.log()).sum()</c> in float64.</summary>
    [Differentiable]
    public static double LogSum(ReadOnlyTensorSpan<double> x) => Sum(Log(x));

    /// <summary>Seed 003: <c>(x ** 2).sum()</c>.</summary>
    [Differentiable]
    public static float Squares(ReadOnlyTensorSpan<float> x) => Sum(Pow(x, 2f));

    /// <summary>Runs the sample on the console.</summary>
    public static void Main(string[] args) => Run(Console.Out);

    /// <summary>Runs the sample, writing what the notebooks print and the gradients SymGrad derived.</summary>
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ProductOfShifts(output);
        SumOfElements(output);
        ScaledSquaresAtOne(output);
        LogSumInDouble(output);
        SquaresAndOneStep(output);
    }

    /// <summary>Seed 001, cells 2 to 12: <c>x1 = x + 2</c>, <c>x2 = x - 2</c>, <c>x3 = x1 * x2</c>, <c>y = x3.sum()</c>.</summary>
    private static void ProductOfShifts(TextWriter output)
    {
        Section(output, "Seed 001: y = ((x + 2) * (x - 2)).sum()", first: true);
        Tensor<float> x = Tensor.Create([1f, 2f, 3f, 4f], [2, 2]);

        // The body of Product, run eagerly one operation at a time to show the intermediate tensors.
        Tensor<float> x1 = x + 2f;
        Tensor<float> x2 = x - 2f;
        Tensor<float> x3 = x1 * x2;
        output.WriteLine(TorchStyle.Tensor(x1, "grad_fn=<AddBackward0>"));
        output.WriteLine(TorchStyle.Tensor(x2, "grad_fn=<SubBackward0>"));
        output.WriteLine(TorchStyle.Tensor(x3, "grad_fn=<MulBackward0>"));

        Tensor<float> gradient = Tensor.CreateFromShape<float>(x.Lengths);
        float y = ProductValueAndGradient(x, gradient);
        output.WriteLine(TorchStyle.Scalar(y, "grad_fn=<SumBackward0>"));
        output.WriteLine(TorchStyle.Tensor(gradient));
        output.WriteLine(NumpyStyle.Array(x3));
        Derived(output, nameof(ProductValueAndGradient));
    }

    /// <summary>Seed 002, cells 10 to 16: the same <c>x</c>, with <c>y = x.sum()</c>.</summary>
    private static void SumOfElements(TextWriter output)
    {
        Section(output, "Seed 002: y = x.sum()");
        Tensor<float> x = Tensor.Create([1f, 2f, 3f, 4f], [2, 2]);
        output.WriteLine(TorchStyle.Tensor(x, "requires_grad=True"));

        Tensor<float> gradient = Tensor.CreateFromShape<float>(x.Lengths);
        float y = TotalValueAndGradient(x, gradient);
        output.WriteLine(TorchStyle.Scalar(y, "grad_fn=<SumBackward0>"));
        output.WriteLine(TorchStyle.Tensor(gradient));
        Derived(output, nameof(TotalValueAndGradient));
    }

    /// <summary>Seed 003, cell 3: <c>10 * (x ** 2).sum()</c> at <c>x = [1.]</c>.</summary>
    private static void ScaledSquaresAtOne(TextWriter output)
    {
        Section(output, "Seed 003: function = 10 * (x ** 2).sum()");
        Tensor<float> x = Tensor.Create([1f], [1]);
        Tensor<float> gradient = Tensor.CreateFromShape<float>(x.Lengths);
        ScaledSquaresValueAndGradient(x, gradient);
        output.WriteLine(TorchStyle.Tensor(gradient) + " <- gradient");
        Derived(output, nameof(ScaledSquaresValueAndGradient));
    }

    /// <summary>Seed 003, cell 4: <c>(x.log()).sum()</c> for <c>x = 1, ..., 12</c> in float64.</summary>
    private static void LogSumInDouble(TextWriter output)
    {
        Section(output, "Seed 003: function = (x.log()).sum()");
        Tensor<double> x = Tensor.Create(Enumerable.Range(1, 12).Select(i => (double)i).ToArray(), [12]);
        Tensor<double> gradient = Tensor.CreateFromShape<double>(x.Lengths);
        LogSumValueAndGradient(x, gradient);
        output.WriteLine(TorchStyle.Tensor(x, "requires_grad=True"));
        output.WriteLine(TorchStyle.Tensor(gradient) + " <- gradient");
        Derived(output, nameof(LogSumValueAndGradient));
    }

    /// <summary>Seed 003, cells 5 to 15: <c>(x ** 2).sum()</c> over a 3x4 matrix, then one manual step of 0.001.</summary>
    private static void SquaresAndOneStep(TextWriter output)
    {
        Section(output, "Seed 003: function = (x ** 2).sum()");
        Tensor<float> x = Tensor.Create(Enumerable.Range(1, 12).Select(i => (float)i).ToArray(), [3, 4]);
        Tensor<float> gradient = Tensor.CreateFromShape<float>(x.Lengths);
        float function = SquaresValueAndGradient(x, gradient);

        // Cell 7 shows the tuple (x, function) as IPython prints it.
        output.WriteLine(TorchStyle.Tuple(TorchStyle.Tensor(x, "requires_grad=True"), TorchStyle.Scalar(function, "grad_fn=<SumBackward0>")));
        output.WriteLine(TorchStyle.Tensor(gradient));
        output.WriteLine(TorchStyle.Tensor(x, "requires_grad=True"));

        // x.data -= 0.001 * x.grad: PyTorch multiplies in float32 by the scalar rounded to float32, then subtracts.
        Span<float> elements = SymGrad.Kernels.ShapeGuard.Elements(x.AsTensorSpan());
        ReadOnlySpan<float> slopes = SymGrad.Kernels.ShapeGuard.Elements(gradient.AsReadOnlyTensorSpan());
        for (int i = 0; i < elements.Length; i++)
        {
            elements[i] -= 0.001f * slopes[i];
        }

        // x.grad.zero_() prints the zeroed gradient; SymGrad needs no zeroing, since every call overwrites it.
        gradient.Fill(0f);
        output.WriteLine(TorchStyle.Tensor(gradient));
        output.WriteLine(NumpyStyle.Array(x));
        output.WriteLine(TorchStyle.Repr(function));
        output.WriteLine(NumpyStyle.Array(Tensor.Reshape(x, [1, 12])));
        Derived(output, nameof(SquaresValueAndGradient));
    }

    /// <summary>A heading between the notebooks' cells, after a blank line unless it opens the output.</summary>
    private static void Section(TextWriter output, string title, bool first = false)
    {
        if (!first)
        {
            output.WriteLine();
        }

        output.WriteLine("# " + title);
    }

    /// <summary>Prints the symbolic gradient the generator attached to a generated <c>{Name}ValueAndGradient</c> method.</summary>
    private static void Derived(TextWriter output, string generatedMethod)
    {
        foreach (string line in SymbolicGradients.Describe(typeof(Program), generatedMethod))
        {
            output.WriteLine(line);
        }
    }
}
