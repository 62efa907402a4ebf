using System;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using static SymGrad.Tests.Gradients.LoopProductTests;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Reductions along an axis, Softmax and LogSoftmax inside loops and branches: values against the methods run as written,
/// gradients against central differences and PyTorch float64 (<c>Reference/loop_axes.json</c>, from
/// <c>tools/reference/loop_axes.py</c>), float against double, shapes that do not fit throw before any gradient is
/// written, and a warm call allocates nothing.
/// </summary>
public sealed class LoopAxisTests
{
    /// <summary>One-hot rows of <paramref name="columns"/> classes, a class per row.</summary>
    private static double[] OneHot(int rows, int columns)
    {
        double[] y = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            y[(i * columns) + ((i * 5) % columns)] = 1;
        }

        return y;
    }

    [Theory]
    [InlineData(3, 4, 1, 0)]
    [InlineData(3, 4, 3, 1)]
    [InlineData(2, 5, 17, 3)]
    [InlineData(1, 3, 33, 2)]
    [InlineData(4, 1, 3, 2)]
    public void Rnn_classifier_matches_the_method_and_central_differences(int batch, int width, int classes, int steps)
    {
        Tensor<double> y = Tensor.Create(OneHot(batch, classes), [batch, classes]);
        double[][] data = { Values(batch * width, 1), Values(width * width, 2).Select(v => v * 0.5).ToArray(), Values(width * classes, 3) };
        nint[][] shapes = { [batch, width], [width, width], [width, classes] };
        CheckDoubles(
            data,
            shapes,
            t => LoopAxisBodies.RnnClassifier(t[0], t[1], t[2], y, steps),
            t => LoopAxisBodies.RnnClassifierValue(t[0], t[1], t[2], y, steps),
            (t, g) => LoopAxisBodies.RnnClassifierValueAndGradient(t[0], t[1], t[2], y, steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(3, 1, 1)]
    [InlineData(2, 17, 3)]
    [InlineData(4, 33, 2)]
    public void Row_sums_of_a_parameter_in_a_loop(int rows, int columns, int steps)
    {
        CheckDoubles(
            new[] { Values(rows * columns, 4) },
            new[] { new nint[] { rows, columns } },
            t => LoopAxisBodies.Rows(t[0], steps),
            t => LoopAxisBodies.RowsValue(t[0], steps),
            (t, g) => LoopAxisBodies.RowsValueAndGradient(t[0], steps, g[0]));
    }

    [Theory]
    [InlineData(2, 3, 1, 0)]
    [InlineData(2, 3, 1, 1)]
    [InlineData(3, 4, 17, 3)]
    [InlineData(1, 5, 33, 2)]
    public void A_callee_with_a_product_is_inlined_from_a_loop(int rows, int inner, int columns, int steps)
    {
        CheckDoubles(
            new[] { Values(rows * inner, 5), Values(inner * columns, 6) },
            new[] { new nint[] { rows, inner }, new nint[] { inner, columns } },
            t => LoopAxisBodies.CallsInner(t[0], t[1], steps),
            t => LoopAxisBodies.CallsInnerValue(t[0], t[1], steps),
            (t, g) => LoopAxisBodies.CallsInnerValueAndGradient(t[0], t[1], steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(2, 3, 1, 0)]
    [InlineData(2, 3, 3, 1)]
    [InlineData(3, 4, 17, 3)]
    [InlineData(1, 2, 33, 2)]
    public void Attention_per_step_with_precomputed_keys(int queries, int width, int keys, int steps)
    {
        double[][] data = { Values(queries * width, 7), Values(width * keys, 8), Values(keys * width, 9) };
        nint[][] shapes = { [queries, width], [width, keys], [keys, width] };
        CheckDoubles(
            data,
            shapes,
            t => LoopAxisBodies.Attention(t[0], t[1], t[2], steps),
            t => LoopAxisBodies.AttentionValue(t[0], t[1], t[2], steps),
            (t, g) => LoopAxisBodies.AttentionValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(2, 1, 0)]
    [InlineData(3, 1, 1)]
    [InlineData(3, 3, 1)]
    [InlineData(4, 17, 3)]
    [InlineData(2, 33, 2)]
    public void Statistics_along_rows_and_columns_with_keepDims(int rows, int columns, int steps)
    {
        double[][] data = { Values(rows * columns, 10), Values(columns * columns, 11).Select(v => v * 0.5).ToArray() };
        nint[][] shapes = { [rows, columns], [columns, columns] };
        CheckDoubles(
            data,
            shapes,
            t => LoopAxisBodies.Statistics(t[0], t[1], steps),
            t => LoopAxisBodies.StatisticsValue(t[0], t[1], steps),
            (t, g) => LoopAxisBodies.StatisticsValueAndGradient(t[0], t[1], steps, g[0], g[1]),
            tolerance: 1e-5);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 2)]
    [InlineData(3, 1)]
    [InlineData(17, 3)]
    [InlineData(33, 4)]
    public void A_vector_state_through_softmaxes_in_branches(int size, int steps)
    {
        Tensor<double> y = Tensor.Create(Values(size, 12).Select(Math.Abs).ToArray(), [size]);
        double[][] data = { Values(size, 13), Values(size * size, 14).Select(v => v * 0.5).ToArray() };
        nint[][] shapes = { [size], [size, size] };
        CheckDoubles(
            data,
            shapes,
            t => LoopAxisBodies.VectorBranches(t[0], t[1], y, steps),
            t => LoopAxisBodies.VectorBranchesValue(t[0], t[1], y, steps),
            (t, g) => LoopAxisBodies.VectorBranchesValueAndGradient(t[0], t[1], y, steps, g[0], g[1]));
    }

    [Theory]
    [InlineData(2, 1, 0)]
    [InlineData(2, 3, 1)]
    [InlineData(3, 17, 3)]
    [InlineData(1, 33, 2)]
    public void Callees_with_a_product_and_a_log_softmax_are_inlined_from_a_loop(int rows, int columns, int steps)
    {
        Tensor<double> y = Tensor.Create(OneHot(rows, columns), [rows, columns]);
        double[][] data = { Values(rows * columns, 15), Values(columns * columns, 16).Select(v => v * 0.5).ToArray() };
        nint[][] shapes = { [rows, columns], [columns, columns] };
        CheckDoubles(
            data,
            shapes,
            t => LoopAxisBodies.CallsLayers(t[0], t[1], y, steps),
            t => LoopAxisBodies.CallsLayersValue(t[0], t[1], y, steps),
            (t, g) => LoopAxisBodies.CallsLayersValueAndGradient(t[0], t[1], y, steps, g[0], g[1]));
    }
}
