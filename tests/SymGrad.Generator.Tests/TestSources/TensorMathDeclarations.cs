namespace SymGrad.Generator.Tests.TestSources;

/// <summary>
/// The signatures of <c>SymGrad.TensorMath</c>, the eager vocabulary, as source for test compilations. The generator
/// recognises calls by their containing type, so bodies never run and only the signatures matter.
/// </summary>
/// <remarks>
/// Temporary: delete this file (and its use in <c>TestCompilation</c>) once the runtime assembly that test
/// compilations reference declares <c>SymGrad.TensorMath</c> itself, or the two declarations will collide.
/// </remarks>
internal static class TensorMathDeclarations
{
    public const string HintPath = "TensorMath.cs";

    public const string Source = """
        using System.Numerics.Tensors;

        namespace SymGrad
        {
            public static class TensorMath
            {
                public static float Sum(ReadOnlyTensorSpan<float> x) => throw null!;
                public static double Sum(ReadOnlyTensorSpan<double> x) => throw null!;
                public static float Mean(ReadOnlyTensorSpan<float> x) => throw null!;
                public static double Mean(ReadOnlyTensorSpan<double> x) => throw null!;
                public static float Dot(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> y) => throw null!;
                public static double Dot(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> y) => throw null!;
                public static Tensor<float> Square(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Square(ReadOnlyTensorSpan<double> x) => throw null!;
                public static Tensor<float> Pow(ReadOnlyTensorSpan<float> x, float p) => throw null!;
                public static Tensor<double> Pow(ReadOnlyTensorSpan<double> x, double p) => throw null!;
                public static Tensor<float> Sqrt(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Sqrt(ReadOnlyTensorSpan<double> x) => throw null!;
                public static Tensor<float> Exp(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Exp(ReadOnlyTensorSpan<double> x) => throw null!;
                public static Tensor<float> Log(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Log(ReadOnlyTensorSpan<double> x) => throw null!;
                public static Tensor<float> Abs(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Abs(ReadOnlyTensorSpan<double> x) => throw null!;
                public static Tensor<float> Sin(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Sin(ReadOnlyTensorSpan<double> x) => throw null!;
                public static Tensor<float> Cos(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Cos(ReadOnlyTensorSpan<double> x) => throw null!;
                public static Tensor<float> Tanh(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Tanh(ReadOnlyTensorSpan<double> x) => throw null!;
                public static Tensor<float> Sigmoid(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Sigmoid(ReadOnlyTensorSpan<double> x) => throw null!;
                public static Tensor<float> Relu(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Relu(ReadOnlyTensorSpan<double> x) => throw null!;
                public static float LogSumExp(ReadOnlyTensorSpan<float> x) => throw null!;
                public static double LogSumExp(ReadOnlyTensorSpan<double> x) => throw null!;
                public static float Mse(ReadOnlyTensorSpan<float> x, ReadOnlyTensorSpan<float> target) => throw null!;
                public static double Mse(ReadOnlyTensorSpan<double> x, ReadOnlyTensorSpan<double> target) => throw null!;
                public static Tensor<float> MatMul(ReadOnlyTensorSpan<float> a, ReadOnlyTensorSpan<float> b) => throw null!;
                public static Tensor<double> MatMul(ReadOnlyTensorSpan<double> a, ReadOnlyTensorSpan<double> b) => throw null!;
                public static Tensor<float> Transpose(ReadOnlyTensorSpan<float> x) => throw null!;
                public static Tensor<double> Transpose(ReadOnlyTensorSpan<double> x) => throw null!;
            }
        }
        """;
}
