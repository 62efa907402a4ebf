using System;
using System.Linq;
using System.Numerics.Tensors;

namespace SymGrad.Tests.Gradients;

/// <summary>
/// Slices of matrices (ranges on both axes) and of vectors, and transposes, as operands inside loops: axis functions and
/// whole reductions of blocks, blocks that meet other tensors element-wise (broadcast included), slices as product
/// operands, Transpose outside a product and of a block of rows. Values against the methods run as written and against
/// the straight-line methods times the step count, gradients against central differences (float against double),
/// ranges outside the tensor throwing what C# throws before any gradient is written, and a warm call allocating nothing.
/// </summary>
public sealed class LoopSliceOperandTests
{
    private static double[] Values(int count, int seed) => LoopProductTests.Values(count, seed);

    private static int Count(nint[] shape) => (int)shape.Aggregate((nint)1, (a, b) => a * b);

    private static double[][] Data(nint[][] shapes, int seed) => shapes.Select((s, i) => Values(Count(s), seed + i)).ToArray();

    [Theory]
    [InlineData(3, 4, 2, 0)]
    [InlineData(3, 4, 2, 1)]
    [InlineData(3, 4, 0, 3)]
    [InlineData(1, 3, 1, 3)]
    [InlineData(17, 3, 2, 3)]
    [InlineData(3, 17, 5, 1)]
    public void Axis_functions_of_blocks_match_the_method_and_central_differences(int rows, int columns, int k, int steps)
    {
        nint[][] shapes = { [rows, columns] };
        LoopProductTests.CheckDoubles(Data(shapes, 1), shapes, t => LoopSliceOperandBodies.TailLogSumExp(t[0], k, steps), t => LoopSliceOperandBodies.TailLogSumExpValue(t[0], k, steps),
            (t, g) => LoopSliceOperandBodies.TailLogSumExpValueAndGradient(t[0], k, steps, g[0]));
        if (rows >= 2 && columns >= 3)
        {
            LoopProductTests.CheckDoubles(Data(shapes, 2), shapes, t => LoopSliceOperandBodies.BlockMean(t[0], steps), t => LoopSliceOperandBodies.BlockMeanValue(t[0], steps),
                (t, g) => LoopSliceOperandBodies.BlockMeanValueAndGradient(t[0], steps, g[0]));
        }
    }

    [Theory]
    [InlineData(3, 4, 0)]
    [InlineData(3, 4, 1)]
    [InlineData(3, 4, 3)]
    [InlineData(2, 2, 3)]
    [InlineData(17, 3, 3)]
    [InlineData(3, 17, 1)]
    [InlineData(17, 17, 1)]
    public void Blocks_that_meet_element_wise_match_the_method_and_central_differences(int rows, int columns, int steps)
    {
        nint[][] shapes = { [rows, columns] };
        LoopProductTests.CheckDoubles(Data(shapes, 3), shapes, t => LoopSliceOperandBodies.Differences(t[0], steps), t => LoopSliceOperandBodies.DifferencesValue(t[0], steps),
            (t, g) => LoopSliceOperandBodies.DifferencesValueAndGradient(t[0], steps, g[0]));
        LoopProductTests.CheckDoubles(Data(shapes, 4), shapes, t => LoopSliceOperandBodies.Laplacian(t[0], steps), t => LoopSliceOperandBodies.LaplacianValue(t[0], steps),
            (t, g) => LoopSliceOperandBodies.LaplacianValueAndGradient(t[0], steps, g[0]));
        LoopProductTests.CheckDoubles(Data(shapes, 5), shapes, t => LoopSliceOperandBodies.ColumnsMeetMatrix(t[0], steps), t => LoopSliceOperandBodies.ColumnsMeetMatrixValue(t[0], steps),
            (t, g) => LoopSliceOperandBodies.ColumnsMeetMatrixValueAndGradient(t[0], steps, g[0]));
        LoopProductTests.CheckDoubles(Data(shapes, 6), shapes, t => LoopSliceOperandBodies.RowAgainstMatrix(t[0], Math.Min(steps, rows)), t => LoopSliceOperandBodies.RowAgainstMatrixValue(t[0], Math.Min(steps, rows)),
            (t, g) => LoopSliceOperandBodies.RowAgainstMatrixValueAndGradient(t[0], Math.Min(steps, rows), g[0]));
        LoopProductTests.CheckDoubles(Data(shapes, 7), shapes, t => LoopSliceOperandBodies.BranchedBlocks(t[0], steps), t => LoopSliceOperandBodies.BranchedBlocksValue(t[0], steps),
            (t, g) => LoopSliceOperandBodies.BranchedBlocksValueAndGradient(t[0], steps, g[0]));
    }

    [Theory]
    [InlineData(3, 5, 2, 0)]
    [InlineData(3, 5, 2, 1)]
    [InlineData(3, 5, 1, 3)]
    [InlineData(17, 3, 17, 3)]
    [InlineData(1, 2, 1, 3)]
    public void Blocks_with_int_parameter_and_loop_counter_bounds_match_the_method(int rows, int columns, int n, int steps)
    {
        nint[][] shapes = { [rows, columns], [n + 1, 3] };
        LoopProductTests.CheckDoubles(Data(shapes, 8), shapes, t => LoopSliceOperandBodies.Corners(t[0], t[1], n, steps), t => LoopSliceOperandBodies.CornersValue(t[0], t[1], n, steps),
            (t, g) => LoopSliceOperandBodies.CornersValueAndGradient(t[0], t[1], n, steps, g[0], g[1]));
        int sliding = Math.Min(steps, columns - 1);
        LoopProductTests.CheckDoubles(Data(shapes[..1], 9), shapes[..1], t => LoopSliceOperandBodies.SlidingColumns(t[0], sliding), t => LoopSliceOperandBodies.SlidingColumnsValue(t[0], sliding),
            (t, g) => LoopSliceOperandBodies.SlidingColumnsValueAndGradient(t[0], sliding, g[0]));
    }

    [Theory]
    [InlineData(3, 4, 5, 0)]
    [InlineData(3, 4, 5, 1)]
    [InlineData(3, 4, 5, 3)]
    [InlineData(1, 2, 1, 3)]
    [InlineData(17, 3, 17, 3)]
    [InlineData(3, 17, 2, 1)]
    public void Column_blocks_as_product_operands_match_the_method_and_central_differences(int rows, int columns, int outputs, int steps)
    {
        nint[][] shapes = { [rows, columns], [columns - 1, outputs], [columns, outputs + 1] };
        LoopProductTests.CheckDoubles(Data(shapes, 10), shapes, t => LoopSliceOperandBodies.ColumnProducts(t[0], t[1], t[2], steps), t => LoopSliceOperandBodies.ColumnProductsValue(t[0], t[1], t[2], steps),
            (t, g) => LoopSliceOperandBodies.ColumnProductsValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(4, 1, 0)]
    [InlineData(4, 1, 1)]
    [InlineData(4, 2, 3)]
    [InlineData(2, 1, 3)]
    [InlineData(17, 3, 3)]
    public void Vector_slices_as_product_operands_match_the_method_and_central_differences(int length, int k, int steps)
    {
        nint[][] shapes = { [length], [length], [length - 1, length - 1] };
        LoopProductTests.CheckDoubles(Data(shapes, 11), shapes, t => LoopSliceOperandBodies.VectorSliceProducts(t[0], t[1], t[2], k, steps), t => LoopSliceOperandBodies.VectorSliceProductsValue(t[0], t[1], t[2], k, steps),
            (t, g) => LoopSliceOperandBodies.VectorSliceProductsValueAndGradient(t[0], t[1], t[2], k, steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 2)]
    [InlineData(5, 4)]
    [InlineData(17, 17)]
    public void Vector_slices_under_axis_functions_match_the_method_and_central_differences(int length, int steps)
    {
        nint[][] shapes = { [length] };
        Tensor<double> y = Tensor.Create(Values(2, 15), [2]);
        LoopProductTests.CheckDoubles(Data(shapes, 16), shapes, t => LoopSliceOperandBodies.SlidingSoftmax(t[0], y, steps), t => LoopSliceOperandBodies.SlidingSoftmaxValue(t[0], y, steps),
            (t, g) => LoopSliceOperandBodies.SlidingSoftmaxValueAndGradient(t[0], y, steps, g[0]));
    }

    [Theory]
    [InlineData(3, 4, 0)]
    [InlineData(3, 4, 1)]
    [InlineData(3, 4, 3)]
    [InlineData(2, 1, 3)]
    [InlineData(17, 3, 3)]
    [InlineData(3, 17, 1)]
    public void Transposes_outside_products_match_the_method_and_central_differences(int rows, int columns, int steps)
    {
        nint[][] shapes = { [rows, columns], [columns, rows], [columns, columns] };
        LoopProductTests.CheckDoubles(Data(shapes, 12).Select(d => d.Select(v => v * 0.5).ToArray()).ToArray(), shapes, t => LoopSliceOperandBodies.Transposes(t[0], t[1], t[2], steps), t => LoopSliceOperandBodies.TransposesValue(t[0], t[1], t[2], steps),
            (t, g) => LoopSliceOperandBodies.TransposesValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
    }

    [Theory]
    [InlineData(3, 4, 0)]
    [InlineData(3, 4, 3)]
    [InlineData(1, 17, 1)]
    public void A_transpose_passed_to_a_method_with_loops_matches_the_method_and_central_differences(int rows, int columns, int steps)
    {
        nint[][] shapes = { [rows, columns] };
        Tensor<double> v = Tensor.Create(Values(rows * columns, 18), [columns, rows]);
        LoopProductTests.CheckDoubles(Data(shapes, 17), shapes, t => LoopSliceOperandBodies.TransposedArgument(t[0], v, steps), t => LoopSliceOperandBodies.TransposedArgumentValue(t[0], v, steps),
            (t, g) => LoopSliceOperandBodies.TransposedArgumentValueAndGradient(t[0], v, steps, g[0]));
    }

    [Theory]
    [InlineData(3, 4, 3)]
    [InlineData(2, 1, 1)]
    [InlineData(17, 3, 3)]
    public void Float_transposes_and_vector_slice_products_match_the_double_ones(int rows, int columns, int steps)
    {
        nint[][] shapes = { [rows, columns], [columns, rows], [columns, columns] };
        CheckFloats(
            Data(shapes, 13).Select(d => d.Select(v => v * 0.5).ToArray()).ToArray(),
            shapes,
            (t, g) => LoopSliceOperandBodies.TransposesFloatValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]),
            t => LoopSliceOperandBodies.TransposesFloat(t[0], t[1], t[2], steps),
            t => LoopSliceOperandBodies.TransposesFloatValue(t[0], t[1], t[2], steps),
            (t, g) => LoopSliceOperandBodies.TransposesValueAndGradient(t[0], t[1], t[2], steps, g[0], g[1], g[2]));
        int length = rows + 1;
        nint[][] vectors = { [length], [length], [length - 1, length - 1] };
        CheckFloats(
            Data(vectors, 14),
            vectors,
            (t, g) => LoopSliceOperandBodies.VectorSliceProductsFloatValueAndGradient(t[0], t[1], t[2], 1, steps, g[0], g[1], g[2]),
            t => LoopSliceOperandBodies.VectorSliceProductsFloat(t[0], t[1], t[2], 1, steps),
            t => LoopSliceOperandBodies.VectorSliceProductsFloatValue(t[0], t[1], t[2], 1, steps),
            (t, g) => LoopSliceOperandBodies.VectorSliceProductsValueAndGradient(t[0], t[1], t[2], 1, steps, g[0], g[1], g[2]));
    }

    /// <summary>The straight-line bodies of <see cref="Slices"/> in a loop: steps times the straight-line method's value and gradient.</summary>
    [Theory]
    [InlineData(3, 4, 0)]
    [InlineData(3, 4, 1)]
    [InlineData(3, 4, 3)]
    [InlineData(2, 3, 3)]
    [InlineData(17, 3, 3)]
    [InlineData(3, 17, 1)]
    public void Looped_straight_line_bodies_are_steps_times_the_straight_line_methods(int rows, int columns, int steps)
    {
        nint[][] x = { [rows, columns] };
        Straight(x, 20, t => LoopSliceOperandBodies.LoopedGridSmoothness(t[0], steps), (t, g) => LoopSliceOperandBodies.LoopedGridSmoothnessValueAndGradient(t[0], steps, g[0]), (t, g) => Slices.GridSmoothnessValueAndGradient(t[0], g[0]), steps);
        Straight(x, 21, t => LoopSliceOperandBodies.LoopedSlicedRows(t[0], steps), (t, g) => LoopSliceOperandBodies.LoopedSlicedRowsValueAndGradient(t[0], steps, g[0]), (t, g) => Slices.SlicedRowsValueAndGradient(t[0], g[0]), steps);
        Straight(x, 22, t => LoopSliceOperandBodies.LoopedEdgeBroadcasts(t[0], 1, steps), (t, g) => LoopSliceOperandBodies.LoopedEdgeBroadcastsValueAndGradient(t[0], 1, steps, g[0]), (t, g) => Slices.EdgeBroadcastsValueAndGradient(t[0], 1, g[0]), steps);
        Straight(x, 23, t => LoopSliceOperandBodies.LoopedOneWideReductions(t[0], 1, steps), (t, g) => LoopSliceOperandBodies.LoopedOneWideReductionsValueAndGradient(t[0], 1, steps, g[0]), (t, g) => Slices.OneWideReductionsValueAndGradient(t[0], 1, g[0]), steps);
        nint[][] grid = { [rows, columns], [2, 2] };
        Straight(grid, 24, t => LoopSliceOperandBodies.LoopedRunTimeGrid(t[0], t[1], 1, 2, steps), (t, g) => LoopSliceOperandBodies.LoopedRunTimeGridValueAndGradient(t[0], t[1], 1, 2, steps, g[0], g[1]), (t, g) => Slices.RunTimeGridValueAndGradient(t[0], t[1], 1, 2, g[0], g[1]), steps);
        nint[][] products = { [rows, columns], [columns, 3], [columns], [columns] };
        Straight(products, 25, t => LoopSliceOperandBodies.LoopedSlicedProducts(t[0], t[1], t[2], t[3], steps), (t, g) => LoopSliceOperandBodies.LoopedSlicedProductsValueAndGradient(t[0], t[1], t[2], t[3], steps, g[0], g[1], g[2], g[3]),
            (t, g) => Slices.SlicedProductsValueAndGradient(t[0], t[1], t[2], t[3], g[0], g[1], g[2], g[3]), steps);
        nint[][] vectors = { [rows + 1], [rows, columns] };
        Tensor<double> target = Tensor.Create(Values(columns, 26), [columns]);
        Straight(vectors, 27, t => LoopSliceOperandBodies.LoopedRowSliceProducts(t[0], t[1], target, 1, steps), (t, g) => LoopSliceOperandBodies.LoopedRowSliceProductsValueAndGradient(t[0], t[1], target, 1, steps, g[0], g[1]),
            (t, g) => Slices.RowSliceProductsValueAndGradient(t[0], t[1], target, 1, g[0], g[1]), steps);
        nint[][] columnsOf = { [rows, columns], [columns + 1] };
        Straight(columnsOf, 28, t => LoopSliceOperandBodies.LoopedColumnSliceProducts(t[0], t[1], 1, steps), (t, g) => LoopSliceOperandBodies.LoopedColumnSliceProductsValueAndGradient(t[0], t[1], 1, steps, g[0], g[1]),
            (t, g) => Slices.ColumnSliceProductsValueAndGradient(t[0], t[1], 1, g[0], g[1]), steps);
        nint[][] dots = { [columns + 1], [columns + 1] };
        Straight(dots, 29, t => LoopSliceOperandBodies.LoopedDotSlices(t[0], t[1], 1, columns - 1, steps), (t, g) => LoopSliceOperandBodies.LoopedDotSlicesValueAndGradient(t[0], t[1], 1, columns - 1, steps, g[0], g[1]),
            (t, g) => Slices.DotSlicesValueAndGradient(t[0], t[1], 1, columns - 1, g[0], g[1]), steps);
    }

    [Theory]
    [InlineData(3, 4, 3)]
    [InlineData(17, 3, 1)]
    public void Float_looped_straight_line_bodies_match_the_double_ones(int rows, int columns, int steps)
    {
        nint[][] x = { [rows, columns] };
        CheckFloats(Data(x, 30), x, (t, g) => LoopSliceOperandBodies.LoopedGridSmoothnessFValueAndGradient(t[0], steps, g[0]), t => LoopSliceOperandBodies.LoopedGridSmoothnessF(t[0], steps),
            t => LoopSliceOperandBodies.LoopedGridSmoothnessFValue(t[0], steps), (t, g) => LoopSliceOperandBodies.LoopedGridSmoothnessValueAndGradient(t[0], steps, g[0]));
        CheckFloats(Data(x, 31), x, (t, g) => LoopSliceOperandBodies.LoopedEdgeBroadcastsFValueAndGradient(t[0], 1, steps, g[0]), t => LoopSliceOperandBodies.LoopedEdgeBroadcastsF(t[0], 1, steps),
            t => LoopSliceOperandBodies.LoopedEdgeBroadcastsFValue(t[0], 1, steps), (t, g) => LoopSliceOperandBodies.LoopedEdgeBroadcastsValueAndGradient(t[0], 1, steps, g[0]));
        nint[][] products = { [rows, columns], [columns, 3], [columns], [columns] };
        CheckFloats(Data(products, 32), products, (t, g) => LoopSliceOperandBodies.LoopedSlicedProductsFValueAndGradient(t[0], t[1], t[2], t[3], steps, g[0], g[1], g[2], g[3]),
            t => LoopSliceOperandBodies.LoopedSlicedProductsF(t[0], t[1], t[2], t[3], steps), t => LoopSliceOperandBodies.LoopedSlicedProductsFValue(t[0], t[1], t[2], t[3], steps),
            (t, g) => LoopSliceOperandBodies.LoopedSlicedProductsValueAndGradient(t[0], t[1], t[2], t[3], steps, g[0], g[1], g[2], g[3]));
        nint[][] dots = { [columns + 1], [columns + 1] };
        CheckFloats(Data(dots, 33), dots, (t, g) => LoopSliceOperandBodies.LoopedDotSlicesFValueAndGradient(t[0], t[1], 1, columns - 1, steps, g[0], g[1]),
            t => LoopSliceOperandBodies.LoopedDotSlicesF(t[0], t[1], 1, columns - 1, steps), t => LoopSliceOperandBodies.LoopedDotSlicesFValue(t[0], t[1], 1, columns - 1, steps),
            (t, g) => LoopSliceOperandBodies.LoopedDotSlicesValueAndGradient(t[0], t[1], 1, columns - 1, steps, g[0], g[1]));
    }

    [Fact]
    public void A_block_range_outside_the_matrix_throws_what_the_method_throws_before_any_gradient_is_written()
    {
        Tensor<double> x = Tensor.Create(Values(12, 40), [3, 4]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([3, 4]);
        dx.Fill(7);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => LoopSliceOperandBodies.TailLogSumExp(x, 5, 2));
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => LoopSliceOperandBodies.TailLogSumExpValueAndGradient(x, 5, 2, dx));
        Assert.Contains("x[.., k..]", error.Message);
        Assert.All(dx.ToArray(), v => Assert.Equal(7, v));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => LoopSliceOperandBodies.TailLogSumExpValue(x, -1, 1));

        // No step reads the block: nothing throws, as the method run as written throws nothing.
        Assert.Equal(0, LoopSliceOperandBodies.TailLogSumExpValueAndGradient(x, 5, 0, dx));
        Assert.All(dx.ToArray(), v => Assert.Equal(0, v));

        // A sliding block that walks off the matrix throws in the step that reads outside it.
        dx.Fill(7);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => LoopSliceOperandBodies.SlidingColumns(x, 4));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => LoopSliceOperandBodies.SlidingColumnsValueAndGradient(x, 4, dx));
        Assert.All(dx.ToArray(), v => Assert.Equal(7, v));

        // A Laplacian of a single row: u[..^2, ..] is outside it.
        Tensor<double> row = Tensor.Create(Values(4, 41), [1, 4]);
        Tensor<double> drow = Tensor.CreateFromShape<double>([1, 4]);
        drow.Fill(7);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => LoopSliceOperandBodies.Laplacian(row, 1));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => LoopSliceOperandBodies.LaplacianValueAndGradient(row, 1, drow));
        Assert.All(drow.ToArray(), v => Assert.Equal(7, v));
    }

    [Fact]
    public void A_block_of_a_vector_throws_naming_it_before_any_gradient_is_written()
    {
        Tensor<double> x = Tensor.Create(Values(4, 48), [4]);
        Tensor<double> dx = Tensor.CreateFromShape<double>([4]);
        dx.Fill(7);
        Assert.ThrowsAny<Exception>(() => LoopSliceOperandBodies.TailLogSumExp(x, 1, 1));
        var error = Assert.Throws<ArgumentException>(() => LoopSliceOperandBodies.TailLogSumExpValueAndGradient(x, 1, 1, dx));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("x[.., k..]", error.Message);
        Assert.Contains("'x' is [4]", error.Message);
        Assert.All(dx.ToArray(), v => Assert.Equal(7, v));
    }

    [Fact]
    public void A_vector_slice_range_outside_the_vector_throws_what_the_method_throws_before_any_gradient_is_written()
    {
        Tensor<double> x = Tensor.Create(Values(4, 42), [4]);
        Tensor<double> y = Tensor.Create(Values(4, 43), [4]);
        Tensor<double> m = Tensor.Create(Values(9, 44), [3, 3]);
        Tensor<double>[] g = { Tensor.CreateFromShape<double>([4]), Tensor.CreateFromShape<double>([4]), Tensor.CreateFromShape<double>([3, 3]) };
        foreach (Tensor<double> d in g)
        {
            d.Fill(7);
        }

        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => LoopSliceOperandBodies.VectorSliceProducts(x, y, m, 5, 1));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => LoopSliceOperandBodies.VectorSliceProductsValueAndGradient(x, y, m, 5, 1, g[0], g[1], g[2]));
        Assert.All(g.SelectMany(d => d.ToArray()), v => Assert.Equal(7, v));
    }

    [Fact]
    public void A_transpose_of_a_vector_throws_naming_it_before_any_gradient_is_written()
    {
        Tensor<double> a = Tensor.Create(Values(4, 45), [4]);
        Tensor<double> w = Tensor.Create(Values(4, 46), [4]);
        Tensor<double> da = Tensor.CreateFromShape<double>([4]);
        da.Fill(7);
        Assert.Throws<ArgumentException>(() => LoopSliceOperandBodies.TransposeOfParameter(a, w, 1));
        var error = Assert.Throws<ArgumentException>(() => LoopSliceOperandBodies.TransposeOfParameterValueAndGradient(a, w, 1, da, Tensor.CreateFromShape<double>([4])));
        Assert.Contains("Transpose(a)", error.Message);
        Assert.Contains("'a' is [4]", error.Message);
        Assert.All(da.ToArray(), v => Assert.Equal(7, v));

        // No step transposes it: nothing throws, as the method run as written throws nothing.
        Assert.Equal(0, LoopSliceOperandBodies.TransposeOfParameterValue(a, w, 0));
        Assert.Equal(0, LoopSliceOperandBodies.TransposeOfParameterValueAndGradient(a, w, 0, da, Tensor.CreateFromShape<double>([4])));
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        nint[][] shapes = { [5, 6] };
        Tensor<double>[] t = shapes.Select((s, i) => Tensor.Create(Values(Count(s), 50 + i), s)).ToArray();
        Tensor<double>[] g = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        Assert.Equal(0, Allocations.FewestBytes(() => LoopSliceOperandBodies.LaplacianValueAndGradient(t[0], 3, g[0])));
        Assert.Equal(0, Allocations.FewestBytes(() => LoopSliceOperandBodies.TailLogSumExpValueAndGradient(t[0], 2, 3, g[0])));
        Assert.Equal(0, Allocations.FewestBytes(() => LoopSliceOperandBodies.ColumnsMeetMatrixValueAndGradient(t[0], 3, g[0])));
        Assert.Equal(0, Allocations.FewestBytes(() => LoopSliceOperandBodies.BranchedBlocksValue(t[0], 3)));
        nint[][] products = { [5, 6], [6, 3], [6], [6] };
        Tensor<double>[] p = products.Select((s, i) => Tensor.Create(Values(Count(s), 60 + i), s)).ToArray();
        Tensor<double>[] dp = products.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        Assert.Equal(0, Allocations.FewestBytes(() => LoopSliceOperandBodies.LoopedSlicedProductsValueAndGradient(p[0], p[1], p[2], p[3], 3, dp[0], dp[1], dp[2], dp[3])));
        nint[][] transposes = { [3, 4], [4, 3], [4, 4] };
        Tensor<double>[] q = transposes.Select((s, i) => Tensor.Create(Values(Count(s), 70 + i), s)).ToArray();
        Tensor<double>[] dq = transposes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        Assert.Equal(0, Allocations.FewestBytes(() => LoopSliceOperandBodies.TransposesValueAndGradient(q[0], q[1], q[2], 3, dq[0], dq[1], dq[2])));
        nint[][] vectors = { [6], [6], [5, 5] };
        Tensor<double>[] v = vectors.Select((s, i) => Tensor.Create(Values(Count(s), 80 + i), s)).ToArray();
        Tensor<double>[] dv = vectors.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        Assert.Equal(0, Allocations.FewestBytes(() => LoopSliceOperandBodies.VectorSliceProductsValueAndGradient(v[0], v[1], v[2], 1, 3, dv[0], dv[1], dv[2])));
    }

    /// <summary>
    /// Checks a looped body against the method run as written (value) and against the straight-line method: its value
    /// and gradients times <paramref name="steps"/>.
    /// </summary>
    private static void Straight(nint[][] shapes, int seed, Func<Tensor<double>[], double> eager, Func<Tensor<double>[], Tensor<double>[], double> looped, Func<Tensor<double>[], Tensor<double>[], double> straight, int steps)
    {
        Tensor<double>[] t = shapes.Select((s, i) => Tensor.Create(Values(Count(s), seed + i), s)).ToArray();
        Tensor<double>[] g = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        Tensor<double>[] once = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        foreach (Tensor<double> d in g)
        {
            d.Fill(double.NaN);
        }

        double got = looped(t, g);
        double one = straight(t, once);
        Assert.Equal(eager(t), got, 10);
        Assert.True(Math.Abs(got - (steps * one)) <= 1e-10 * Math.Max(1, Math.Abs(got)), $"{got} against {steps} x {one}");
        for (int p = 0; p < shapes.Length; p++)
        {
            double[] a = g[p].ToArray();
            double[] b = once[p].ToArray();
            for (int i = 0; i < a.Length; i++)
            {
                Assert.True(Math.Abs(a[i] - (steps * b[i])) <= 1e-10 * Math.Max(1, Math.Abs(a[i])), $"parameter {p} element {i}: {a[i]} against {steps} x {b[i]}");
            }
        }
    }

    /// <summary>Checks a float method's value against the method run as written and its gradients against the double method's.</summary>
    private static void CheckFloats(
        double[][] data,
        nint[][] shapes,
        Func<Tensor<float>[], Tensor<float>[], float> valueAndGradient,
        Func<Tensor<float>[], float> eager,
        Func<Tensor<float>[], float> value,
        Func<Tensor<double>[], Tensor<double>[], double> reference)
    {
        Tensor<float>[] floats = data.Select((d, i) => Tensor.Create(d.Select(v => (float)v).ToArray(), shapes[i])).ToArray();
        Tensor<double>[] doubles = data.Select((d, i) => Tensor.Create(d.Select(v => (double)(float)v).ToArray(), shapes[i])).ToArray();
        Tensor<float>[] dFloats = shapes.Select(s => Tensor.CreateFromShape<float>(s)).ToArray();
        Tensor<double>[] dDoubles = shapes.Select(s => Tensor.CreateFromShape<double>(s)).ToArray();
        float got = valueAndGradient(floats, dFloats);
        double expected = reference(doubles, dDoubles);
        Assert.True(Math.Abs(eager(floats) - got) <= 1e-4 * Math.Max(1, Math.Abs(got)), $"{got} against the method's {eager(floats)}");
        Assert.True(Math.Abs(value(floats) - got) <= 1e-4 * Math.Max(1, Math.Abs(got)), $"{got} against Value's {value(floats)}");
        Assert.True(Math.Abs(got - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{got} against {expected}");
        for (int p = 0; p < shapes.Length; p++)
        {
            float[] g = dFloats[p].ToArray();
            double[] e = dDoubles[p].ToArray();
            for (int i = 0; i < g.Length; i++)
            {
                Assert.True(Math.Abs(g[i] - e[i]) <= 1e-4 * Math.Max(1, Math.Abs(e[i])), $"parameter {p} element {i}: {g[i]} against {e[i]}");
            }
        }
    }
}
