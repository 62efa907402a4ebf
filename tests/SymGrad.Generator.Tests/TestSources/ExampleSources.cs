using System.Collections.Generic;

namespace SymGrad.Generator.Tests.TestSources;

/// <summary>
/// The [Differentiable] methods whose generated files are snapshot-tested. The robustness and determinism tests
/// reuse them, so each one is written once, here.
/// </summary>
internal static class ExampleSources
{
    public const string Usings = """
        using System;
        using System.Numerics.Tensors;
        using SymGrad;
        using static SymGrad.TensorMath;

        """;

    public const string TenTimesSumOfPowFloat = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float TenSumPow(ReadOnlyTensorSpan<float> x) => 10 * Sum(Pow(x, 2));
        }
        """;

    public const string SumOfLogDouble = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static double SumLog(ReadOnlyTensorSpan<double> x) => Sum(Log(x));
        }
        """;

    public const string MseWrittenOut = Usings + """
        public static partial class Losses
        {
            [Differentiable]
            public static float Mse(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
                => Mean(Square(x - target));
        }
        """;

    public const string MseByVocabulary = Usings + """
        public static partial class Losses
        {
            [Differentiable]
            public static float Loss(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
                => Mse(x, target);
        }
        """;

    public const string ProductOfShifts = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Product(ReadOnlyTensorSpan<float> x) => Sum((x + 2) * (x - 2));
        }
        """;

    public const string ScalarFunction = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Scalar(float a, float b) => a * b + MathF.Sin(a) / b;
        }
        """;

    public const string TwoTensors = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float DotPlusSquares(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y)
                => Dot(x, y) + Sum(Square(x));
        }
        """;

    public const string LogOfSumTwoPasses = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float LogSumSquares(ReadOnlyTensorSpan<float> x) => MathF.Log(Sum(x * x));
        }
        """;

    public const string TensorParameter = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float SumSquares(Tensor<float> x) => Sum(Square(x));
        }
        """;

    public const string IntConstantParameter = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Scaled(ReadOnlyTensorSpan<float> x, int k) => k * Sum(Square(x));
        }
        """;

    public const string NestedClassInNamespace = Usings + """
        namespace Models.Training
        {
            public static partial class Outer
            {
                internal static partial class Inner
                {
                    [Differentiable]
                    internal static float Energy(ReadOnlyTensorSpan<float> x) => 0.5f * Sum(Square(x));
                }
            }
        }
        """;

    public const string BlockBodyWithLocals = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Smooth(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
            {
                var d = x - target;
                float scale = 0.5f;
                return scale * Sum(d * d) + Sum(Abs(d));
            }
        }
        """;

    public const string ConditionalOnScalar = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float SoftNorm(ReadOnlyTensorSpan<float> x)
            {
                float s = Sum(Square(x));
                return s > 1 ? MathF.Sqrt(s) : s;
            }
        }
        """;

    public const string CallsDifferentiableMethod = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Energy(ReadOnlyTensorSpan<float> x) => Sum(Square(x));

            [Differentiable]
            public static float Regularized(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> target)
                => Mse(x, target) + 0.1f * Energy(x);
        }
        """;

    public const string LogSumExpOfTensor = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float SoftMax(ReadOnlyTensorSpan<float> x) => LogSumExp(x);
        }
        """;

    public const string TensorApiCalls = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float SumSquaresByTensorApi(ReadOnlyTensorSpan<float> x)
                => Tensor.Sum<float>(Tensor.Multiply<float>(x, x));
        }
        """;

    public const string ScalarBroadcastOverTensor = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Centered(ReadOnlyTensorSpan<float> x, float c) => Sum(Square(x - c)) * c;
        }
        """;

    /// <summary>A linear layer's loss: a matrix product, a transpose and a bias repeated over the rows.</summary>
    public const string LinearLayerWithBias = Usings + """
        public static partial class Layers
        {
            [Differentiable]
            public static float Linear(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> y, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b)
                => Mean(Square(MatMul(x, Transpose(w)) + b - y));
        }
        """;

    /// <summary>Span overloads with two tensor gradients and a scalar one: the tensor span overloads forward to them.</summary>
    public const string SpanOverloads = Usings + """
        namespace Fitting
        {
            public static partial class Examples
            {
                [Differentiable]
                public static float Fit(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b, float scale) => Sum(Square(scale * a - b));
            }
        }
        """;

    public const string SoftmaxRegressionByLabels = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float SoftmaxRegression([NoGrad] ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> w, ReadOnlyTensorSpan<float> b, [NoGrad] ReadOnlySpan<int> labels)
                => CrossEntropy(MatMul(x, w) + b, labels);
        }
        """;

    public const string RowMeanBroadcast = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float CenterRows(ReadOnlyTensorSpan<float> x) => Sum(Square(x - Mean(x, 1, keepDims: true)));
        }
        """;

    public const string SoftmaxRowsThroughProduct = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Attend(ReadOnlyTensorSpan<float> scores, [NoGrad] ReadOnlyTensorSpan<float> v, [NoGrad] ReadOnlyTensorSpan<float> y)
                => Sum(Square(MatMul(Softmax(scores, 1), v) - y));
        }
        """;

    public const string BroadcastParameters = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Shifted(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> b) => Sum(Square(x + b));
        }
        """;

    public const string SliceDifferences = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Smoothness(ReadOnlyTensorSpan<float> x) => Sum(Square(x[1..] - x[..^1]));
        }
        """;

    public const string GridSlices = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float GridSmoothness(ReadOnlyTensorSpan<float> x)
                => Sum(Square(x[1.., ..] - x[..^1, ..])) + Sum(Square(x[.., 1..] - x[.., ..^1]));
        }
        """;

    public const string MatrixVectorProduct = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float LeastSquares(ReadOnlyTensorSpan<float> t, ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> s)
                => Sum(Square(MatMul(t, x) - s));
        }
        """;

    public const string ElementRead = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float Endpoints(ReadOnlyTensorSpan<float> x, int k) => (x[0] * x[^1]) + (x[k] * Sum(x));
        }
        """;

    public const string ScalarLoops = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static double Horner(double x, [NoGrad] double limit, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    if (s > limit)
                    {
                        break;
                    }

                    s = s * x + MathF.Sin(i);
                }

                return s;
            }
        }
        """;

    public const string IndependentLoop = Usings + """
        public static partial class Examples
        {
            [Differentiable]
            public static float SquaredError(ReadOnlyTensorSpan<float> x, [NoGrad] ReadOnlyTensorSpan<float> t)
            {
                float s = 0;
                for (int i = 0; i < x.FlattenedLength; i++)
                {
                    float d = x[i] - t[i];
                    s += d * d;
                }

                return s;
            }
        }
        """;

    /// <summary>Every example, by name.</summary>
    public static readonly IReadOnlyList<(string Name, string Source)> All = new[]
    {
        (nameof(TenTimesSumOfPowFloat), TenTimesSumOfPowFloat),
        (nameof(SumOfLogDouble), SumOfLogDouble),
        (nameof(MseWrittenOut), MseWrittenOut),
        (nameof(MseByVocabulary), MseByVocabulary),
        (nameof(ProductOfShifts), ProductOfShifts),
        (nameof(ScalarFunction), ScalarFunction),
        (nameof(TwoTensors), TwoTensors),
        (nameof(LogOfSumTwoPasses), LogOfSumTwoPasses),
        (nameof(TensorParameter), TensorParameter),
        (nameof(IntConstantParameter), IntConstantParameter),
        (nameof(NestedClassInNamespace), NestedClassInNamespace),
        (nameof(BlockBodyWithLocals), BlockBodyWithLocals),
        (nameof(ConditionalOnScalar), ConditionalOnScalar),
        (nameof(CallsDifferentiableMethod), CallsDifferentiableMethod),
        (nameof(LogSumExpOfTensor), LogSumExpOfTensor),
        (nameof(SoftmaxRegressionByLabels), SoftmaxRegressionByLabels),
        (nameof(RowMeanBroadcast), RowMeanBroadcast),
        (nameof(SoftmaxRowsThroughProduct), SoftmaxRowsThroughProduct),
        (nameof(TensorApiCalls), TensorApiCalls),
        (nameof(ScalarBroadcastOverTensor), ScalarBroadcastOverTensor),
        (nameof(LinearLayerWithBias), LinearLayerWithBias),
        (nameof(SpanOverloads), SpanOverloads),
        (nameof(SliceDifferences), SliceDifferences),
        (nameof(GridSlices), GridSlices),
        (nameof(BroadcastParameters), BroadcastParameters),
        (nameof(ElementRead), ElementRead),
        (nameof(MatrixVectorProduct), MatrixVectorProduct),
        (nameof(ScalarLoops), ScalarLoops),
        (nameof(IndependentLoop), IndependentLoop),
    };
}
