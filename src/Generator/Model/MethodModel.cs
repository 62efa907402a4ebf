using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Model;

/// <summary>How a parameter of a [Differentiable] method takes part.</summary>
internal enum ParameterKind : byte
{
    /// <summary>A <c>float</c> or <c>double</c>: gets an <c>out T d{name}</c> gradient.</summary>
    Scalar,

    /// <summary>A <c>ReadOnlyTensorSpan&lt;T&gt;</c>: gets a <c>TensorSpan&lt;T&gt; d{name}</c> gradient.</summary>
    TensorSpan,

    /// <summary>A <c>Tensor&lt;T&gt;</c>: gets a <c>TensorSpan&lt;T&gt; d{name}</c> gradient.</summary>
    Tensor,

    /// <summary>
    /// A <c>ReadOnlyTensorSpan&lt;int&gt;</c> or <c>ReadOnlySpan&lt;int&gt;</c> of class indices: data that an operation
    /// takes (the labels of <c>CrossEntropy</c>), never differentiated.
    /// </summary>
    Labels,

    /// <summary>Any other type (<c>int</c>, <c>bool</c>, ...): a constant, converted to the method's element type.</summary>
    Constant,
}

/// <summary>A parameter of the user's method.</summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record ParameterModel(string Name, ParameterKind Kind, string Type, bool NoGrad)
{
    public bool IsTensor => this.Kind is ParameterKind.TensorSpan or ParameterKind.Tensor;

    /// <summary>Whether a gradient is computed for it.</summary>
    public bool IsDifferentiable => !this.NoGrad && this.Kind is not (ParameterKind.Constant or ParameterKind.Labels);

    /// <summary>The name of its gradient parameter.</summary>
    public string GradientName => "d" + this.Name;
}

/// <summary>A type that encloses the method, outermost first, as it must be re-declared in the generated file.</summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// Two tensor parameters that meet in an element-wise operation: of the same shape, or (where the emitter can
/// broadcast them) of shapes that broadcast. <see cref="OneShape"/>: they must have one shape, as a function that
/// does not broadcast run eagerly (<c>Dot</c>, <c>Mse</c>) requires.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record ShapeCheck(int First, int Second, bool OneShape = false);

/// <summary>
/// Everything the later stages need about one [Differentiable] method: where to put the generated code, its
/// parameters, and its value as an IR graph, or as a <see cref="IR.StructuredBody"/> of regions when its body has loops or
/// branches. It holds no symbols or syntax.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record MethodModel(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Name,
    string Accessibility,
    ElementKind Element,
    EquatableArray<ParameterModel> Parameters,
    Graph Graph,
    int Result,
    EquatableArray<ShapeCheck> ShapeChecks,
    EquatableArray<DimCheck> DimChecks,
    EquatableArray<int> MatrixParameters,
    string Body,
    string HintName,
    StructuredBody? StructuredBody = null,
    EquatableArray<VectorOperand> VectorOperands = default,
    EquatableArray<int> VectorParameters = default,
    EquatableArray<int> RankThreeParameters = default)
{
    /// <summary>The matrix parameters that may be vectors at run time (see <see cref="VectorOperand"/>), never a default array.</summary>
    public EquatableArray<VectorOperand> VectorOperands { get; init; } = VectorOperands.Count == 0 ? EquatableArray<VectorOperand>.Empty : VectorOperands;

    /// <summary>The tensor parameters read element by element as whole vectors (independent loops): rank 1, checked at the call.</summary>
    public EquatableArray<int> VectorParameters { get; init; } = VectorParameters.Count == 0 ? EquatableArray<int>.Empty : VectorParameters;

    /// <summary>The tensor parameters reduced along an axis as rank-3 tensors: rank 3, checked at the call.</summary>
    public EquatableArray<int> RankThreeParameters { get; init; } = RankThreeParameters.Count == 0 ? EquatableArray<int>.Empty : RankThreeParameters;

    /// <summary>
    /// Whether another member of the method's type has its name (an overload). Then it gets no overload generic over
    /// its tensor types: an overload in another element type would get one of the same signature.
    /// </summary>
    public bool NameIsShared { get; init; }

    /// <summary>
    /// The method's rank-3 form, for tensors of rank 3 or more where the body does not show the rank: a model of its
    /// own (private, named <see cref="AnyRankForm.Name"/>), which the method's matrix form calls with rank-3 views.
    /// </summary>
    public AnyRankForm? AnyRank { get; init; }

    /// <summary>Whether this model is another method's rank-3 form: private, called with rank-3 views only.</summary>
    public bool IsAnyRankForm { get; init; }

    /// <summary>
    /// The method's general form, for arguments its fused form does not take (another rank, operands that broadcast):
    /// its body lowered to regions (private, named <c>{Name}AtAnyShape</c>), which works out every shape when called.
    /// The fused form calls it where the arguments do not fit its own shapes.
    /// </summary>
    public MethodModel? General { get; init; }

    /// <summary>Whether this model is another method's general form: private, called by that method only.</summary>
    public bool IsGeneralForm { get; init; }
}

/// <summary>
/// How a method computes tensors of rank 3 or more (see <see cref="MethodModel.AnyRank"/>): its rank-3 form
/// <see cref="Form"/>, the parameters it reads as rank-3 tensors (<see cref="Folded"/>) and the axes it names
/// (<see cref="Axes"/>, as written), the parameters meeting a reduction along the last axis of a folded one
/// (<see cref="Leading"/>), the parameters that must have one shape (<see cref="SameShapes"/>), and the parameters that
/// may be passed with a shape that broadcasts to another's (<see cref="Broadcast"/>: <see cref="LeadingOperand.Source"/>
/// is that other), copied to its shape before the call and their gradients summed back after it.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record AnyRankForm(MethodModel Form, EquatableArray<int> Folded, EquatableArray<int> Axes, EquatableArray<LeadingOperand> Leading, EquatableArray<ShapeCheck> SameShapes, EquatableArray<LeadingOperand> Broadcast)
{
    public string Name => this.Form.Name;
}

/// <summary>A parameter read in order as the results of a reduction along the last axis of parameter <see cref="Source"/>.</summary>
internal sealed record LeadingOperand(int Parameter, int Source);

/// <summary>Helpers over a method's parameters.</summary>
internal static class MethodModelFacts
{
    /// <summary>Whether a tensor parameter is known to be a matrix (it is an operand of a product or a transpose).</summary>
    public static bool IsMatrixParameter(this MethodModel method, int parameter) => System.Linq.Enumerable.Contains(method.MatrixParameters, parameter);

    /// <summary>The role of a matrix parameter that may be a vector at run time, or null when it must be a matrix.</summary>
    public static VectorOperand? VectorOperandOf(this MethodModel method, int parameter)
    {
        foreach (VectorOperand operand in method.VectorOperands)
        {
            if (operand.Parameter == parameter)
            {
                return operand;
            }
        }

        return null;
    }
}

/// <summary>What the frontend read from one method: a model, or the diagnostics that explain why there is none.</summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record FrontendResult(MethodModel? Method, EquatableArray<DiagnosticInfo> Diagnostics);
