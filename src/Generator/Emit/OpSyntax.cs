using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>The C# syntax of each operation: element-wise at any vector width, and on scalars.</summary>
internal sealed partial class Emitter
{
    /// <summary>
    /// An element-wise or scalar operation, written the same way at every width, in its primitive's emitted form: a
    /// function is <paramref name="math"/>'s (SimdMath on scalars, the vector type on vectors).
    /// </summary>
    private string Elementwise(Node node, System.Func<int, string> operand, string math = Kernels + "SimdMath")
    {
        Primitive primitive = Primitives.Of(node.Op);
        switch (primitive.Emitted)
        {
            case Form.Infix:
                return operand(0) + " " + primitive.Symbol + " " + operand(1);
            case Form.Prefix:
                return primitive.Symbol + operand(0);
            case Form.Square:
                return operand(0) + " * " + operand(0);
            case Form.Identity:
                return operand(0);
            case Form.Call:
            case Form.Condition:
                var call = new System.Text.StringBuilder(math + "." + primitive.Name + "(");
                for (int a = 0; a < node.Arity; a++)
                {
                    call.Append(a == 0 ? string.Empty : ", ").Append(operand(a));
                }

                return call.Append(')').ToString();
            default:
                throw OpFacts.Unexpected(node.Op);
        }
    }

    private string ScalarExpression(Graph graph, int id, System.Func<int, string> name)
    {
        Node node = graph[id];
        string zero = this.method.Element.Literal(0);
        string one = this.method.Element.Literal(1);
        switch (node.Op)
        {
            case Op.Constant:
                return node.Type.Literal(this.method.Element, node.Value, node.Bits);
            case Op.Parameter:
                ParameterModel parameter = this.method.Parameters[node.Parameter];
                if (parameter.Kind != ParameterKind.Constant || node.Type != ScalarType.Element)
                {
                    // A parameter of its own type (an int stays an int): C#'s conversions are nodes of their own.
                    return Identifier(parameter.Name);
                }

                return parameter.Type == "bool"
                    ? "(" + Identifier(parameter.Name) + " ? " + one + " : " + zero + ")"
                    : "(" + this.t + ")" + Identifier(parameter.Name);
            case Op.Count:
            case Op.Length:
            case Op.Sum:
            case Op.Max:
                return name(id);
            case Op.Element:
                // The index comes checked (Index nodes): the read itself is unchecked.
                return Kernels + "ElementReads.Read(" + this.Span(node.Parameter) + ", (nint)(" + name(node.Args[1]) + "))";
            case Op.Index:
                return Kernels + "ShapeGuard.Index(" + this.Span(node.Parameter) + ", \"" + this.method.Parameters[node.Parameter].Name + "\", "
                    + ((int)node.Value).ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + node.Bits.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", (nint)(" + name(node.Args[0]) + "))";
            case Op.Select:
                return name(node.Args[0]) + " != " + zero + " ? " + name(node.Args[1]) + " : " + name(node.Args[2]);
            case Op.Not:
                return name(node.Args[0]) + " == " + zero + " ? " + one + " : " + zero;
            case Op.And:
                return name(node.Args[0]) + " != " + zero + " && " + name(node.Args[1]) + " != " + zero + " ? " + one + " : " + zero;
            case Op.Or:
                return name(node.Args[0]) + " != " + zero + " || " + name(node.Args[1]) + " != " + zero + " ? " + one + " : " + zero;
            case Op.Convert:
                return InContext(node, "(" + node.Type.Keyword(this.method.Element) + ")" + name(node.Args[0]));
            case Op.Abs when node.Type.IsInteger():
                // Math.Abs of an integer, as C# calls it: it throws for the smallest value.
                return "global::System.Math.Abs(" + name(node.Args[0]) + ")";
            case Op.Add or Op.Subtract or Op.Multiply or Op.Negate when node.Type.IsInteger():
                return InContext(node, this.Elementwise(node, a => name(node.Args[a])));
            default:
                if (Primitives.Of(node.Op).Emitted == Form.Condition)
                {
                    // C#'s own operator, so integers compare as the method does.
                    return name(node.Args[0]) + " " + Primitives.Of(node.Op).Symbol + " " + name(node.Args[1]) + " ? " + one + " : " + zero;
                }

                return this.Elementwise(node, a => name(node.Args[a]));
        }
    }

    /// <summary>An integer operation in the <c>checked</c> or <c>unchecked</c> context the method wrote around it.</summary>
    private static string InContext(Node node, string expression) => node.Overflow switch
    {
        Overflow.Checked => "checked(" + expression + ")",
        Overflow.Unchecked => "unchecked(" + expression + ")",
        _ => expression,
    };
}
