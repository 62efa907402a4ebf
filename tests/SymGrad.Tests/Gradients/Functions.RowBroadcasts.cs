using System.Numerics.Tensors;
using static SymGrad.TensorMath;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Parameters broadcast against a matrix parameter before a row pass: a bias or a scale <c>[c]</c> (or <c>[1, c]</c>,
/// or the matrix's own shape) met element-wise, then a softmax, a log-sum-exp or a maximum per row.
/// <c>tools/reference/gradients.py</c> defines each in PyTorch under the same name.
/// </summary>
public static partial class Broadcasts
{
    /// <summary>A log-sum-exp per row of a matrix scaled column by column.</summary>
    [Differentiable]
    public static double ScaledLogSumExp(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> scale)
        => Sum(LogSumExp(x * scale, 1));

    [Differentiable]
    public static float ScaledLogSumExpF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> scale)
        => Sum(LogSumExp(x * scale, 1));

    /// <summary>A softmax per row after a bias and a scale, weighted by fixed targets.</summary>
    [Differentiable]
    public static double AffineSoftmax(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> scale, ReadOnlyTensorSpan<double> bias, [NoGrad] ReadOnlyTensorSpan<double> y)
        => Sum(Softmax((x * scale) + bias, 1) * y) + Sum(LogSoftmax(x + bias, 1) * y);

    [Differentiable]
    public static float AffineSoftmaxF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> scale, ReadOnlyTensorSpan<float> bias, [NoGrad] ReadOnlyTensorSpan<float> y)
        => Sum(Softmax((x * scale) + bias, 1) * y) + Sum(LogSoftmax(x + bias, 1) * y);

    /// <summary>A bias added to a matrix that is also reduced per row, whole and by its maximum.</summary>
    [Differentiable]
    public static double BiasedRows(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> bias)
        => Sum(Square(x - bias)) + Sum(Max(x + bias, 1)) + Mean(Sum(Exp(x - bias), 1));

    /// <summary>As <see cref="BiasedRows"/> with a mean per row: in float, finite differences of a maximum step over the near ties of the test data.</summary>
    [Differentiable]
    public static float BiasedRowsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> bias)
        => Sum(Square(x - bias)) + Sum(Mean(Square(x * bias), 1)) + Mean(Sum(Exp(x - bias), 1));
}

/// <summary>Columns [r, 1] repeated across each row before a row pass: a shift per row and a temperature per row.</summary>
public static partial class Broadcasts
{
    [Differentiable]
    public static double ColumnScaledRows(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> s, ReadOnlyTensorSpan<double> b)
        => Sum(LogSumExp(x + b, 1)) + Sum(Square(Softmax(x * s, 1)));

    [Differentiable]
    public static float ColumnScaledRowsF(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> s, ReadOnlyTensorSpan<float> b)
        => Sum(LogSumExp(x + b, 1)) + Sum(Square(Softmax(x * s, 1)));
}

/// <summary>
/// Rows and a bias declared bias first: the left operand of <c>x - bias</c> and <c>x * scale</c> is the matrix of the
/// row pass, whatever order the parameters are declared in.
/// </summary>
public static partial class Broadcasts
{
    [Differentiable]
    public static double BiasFirstRows(ReadOnlyTensorSpan<double> bias, ReadOnlyTensorSpan<double> scale, ReadOnlyTensorSpan<double> x)
        => Sum(Square(x - bias)) + Sum(Softmax((x * scale) + bias, 1) * x) + Mean(LogSumExp(x - bias, 1));

    [Differentiable]
    public static float BiasFirstRowsF(ReadOnlyTensorSpan<float> bias, ReadOnlyTensorSpan<float> scale, ReadOnlyTensorSpan<float> x)
        => Sum(Square(x - bias)) + Sum(Mean(Square(x * scale), 1)) + Mean(LogSumExp(x - bias, 1));
}

/// <summary>
/// The row or column first, in the body and in the parameters (<c>b + x</c>, <c>F(b, x)</c>): element-wise operators
/// broadcast either way, so the matrix of the row pass is whichever operand is larger when the method is called.
/// </summary>
public static partial class Broadcasts
{
    /// <summary>
    /// A row [c] (or a column [r, 1], or the matrix's shape) written first in every row pass; the selections are
    /// never near their switch (b - 5 and b + 3 lie outside x's range), so central differences see no kink.
    /// </summary>
    [Differentiable]
    public static double RowFirstPasses(ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> x)
        => Sum(Square(LogSoftmax(b + x, 1))) + Sum(Softmax(b - x, 1) * x) + Sum(LogSumExp(b * x, 1)) + Sum(Max(Maximum(b - 5, x), 1))
            + Sum(LogSumExp(Where(b + 3 > x, b, x), 1));

    [Differentiable]
    public static float RowFirstPassesF(ReadOnlyTensorSpan<float> b, ReadOnlyTensorSpan<float> x)
        => Sum(Square(LogSoftmax(b + x, 1))) + Sum(Softmax(b - x, 1) * x) + Sum(LogSumExp(b * x, 1)) + Sum(Mean(Maximum(b - 5, x), 1))
            + Sum(LogSumExp(Where(b + 3 > x, b, x), 1));

    /// <summary>A column [r, 1] (or a row, or the matrix's shape) written first: a shift, a scale and a bound per row.</summary>
    [Differentiable]
    public static double ColumnFirstPasses(ReadOnlyTensorSpan<double> b, ReadOnlyTensorSpan<double> x)
        => Sum(LogSumExp(b + x, 1)) + Sum(Square(Softmax(b * x, 1))) + Sum(Softmax(Minimum(b + 3, x), 1) * x);

    [Differentiable]
    public static float ColumnFirstPassesF(ReadOnlyTensorSpan<float> b, ReadOnlyTensorSpan<float> x)
        => Sum(LogSumExp(b + x, 1)) + Sum(Square(Softmax(b * x, 1))) + Sum(Softmax(Minimum(b + 3, x), 1) * x);
}
