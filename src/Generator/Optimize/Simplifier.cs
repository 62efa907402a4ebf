using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Optimize;

/// <summary>
/// The optimize stage: constant folding, algebraic identities and dead-node removal. Common subexpressions are
/// already shared by <see cref="GraphBuilder"/>; rewriting through it shares the ones the identities expose.
/// </summary>
internal static class Simplifier
{
    /// <summary>Simplifies <paramref name="graph"/>, keeping only what <paramref name="roots"/> need.</summary>
    public static Graph Simplify(Graph graph, IReadOnlyList<int> roots, out int[] newRoots)
    {
        var builder = new GraphBuilder(graph.Domains);
        var rewriter = new Rewriter(builder);
        var map = new int[graph.Count];
        bool[] live = Live(graph, roots);
        for (int i = 0; i < graph.Count; i++)
        {
            if (!live[i])
            {
                continue;
            }

            builder.CurrentNote = graph.Note(i);
            Node node = graph[i];
            map[i] = node.Arity == 0 ? builder.Add(node) : rewriter.Rewrite(node, node.Args.Select(a => map[a]).ToArray());
        }

        int[] mapped = roots.Select(r => map[r]).ToArray();
        return Prune(builder.ToGraph(), mapped, out newRoots);
    }

    /// <summary>Simplifies a derivative: its value and every gradient.</summary>
    public static Autodiff.Derivative Optimize(Autodiff.Derivative derivative)
    {
        var roots = new List<int> { derivative.Value };
        roots.AddRange(derivative.Gradients);
        Graph graph = Simplify(derivative.Graph, roots, out int[] kept);
        return new Autodiff.Derivative(graph, kept[0], Model.EquatableArray.ToEquatableArray(kept.Skip(1)));
    }

    /// <summary>Keeps only the nodes <paramref name="roots"/> depend on, in their order.</summary>
    public static Graph Prune(Graph graph, IReadOnlyList<int> roots, out int[] newRoots)
    {
        bool[] live = Live(graph, roots);
        var builder = new GraphBuilder(graph.Domains);
        var map = new int[graph.Count];
        for (int i = 0; i < graph.Count; i++)
        {
            if (live[i])
            {
                builder.CurrentNote = graph.Note(i);
                Node node = graph[i];
                map[i] = builder.Add(node.Arity == 0 ? node : node with { Args = node.Args.Select(a => map[a]).ToEquatableArrayOfInt() });
            }
        }

        newRoots = roots.Select(r => map[r]).ToArray();
        return builder.ToGraph();
    }

    public static bool[] Live(Graph graph, IReadOnlyList<int> roots)
    {
        var live = new bool[graph.Count];
        foreach (int root in roots)
        {
            live[root] = true;
        }

        for (int i = graph.Count - 1; i >= 0; i--)
        {
            if (live[i])
            {
                foreach (int arg in graph[i].Args)
                {
                    live[arg] = true;
                }
            }
        }

        return live;
    }

    private static Model.EquatableArray<int> ToEquatableArrayOfInt(this IEnumerable<int> items) => Model.EquatableArray.ToEquatableArray(items);

    /// <summary>Applies the identities to one node whose operands are already rewritten.</summary>
    private sealed class Rewriter
    {
        private readonly GraphBuilder b;

        public Rewriter(GraphBuilder builder) => this.b = builder;

        public int Rewrite(Node node, int[] args)
        {
            Op op = node.Op;
            if (op == Op.Broadcast)
            {
                return this.b.Broadcast(args[0], node.Domain);
            }

            if (op is Op.Count or Op.Length)
            {
                return this.b.Add(node);
            }

            if (op == Op.Stretch && this.b[args[0]].Op == Op.Broadcast)
            {
                // A repeated scalar stretched along an axis is the scalar repeated over the larger domain.
                return this.b.Broadcast(this.b[args[0]].Args[0], node.Domain);
            }

            if (op == Op.Transpose && this.b[args[0]].Op == Op.Transpose)
            {
                return this.b[args[0]].Args[0];
            }

            if (op.IsMaterialized() || op.IsView())
            {
                return this.b.Add(node with { Args = Model.EquatableArray.Create(args) });
            }

            // Integer arithmetic is C#'s, not the reals': only exact folds and identities that hold for it.
            if (node.Type.IsInteger() || args.Any(a => this.b[a].Type.IsInteger()))
            {
                return this.RewriteInteger(node, args);
            }

            if (op == Op.Convert)
            {
                // A constant converted without rounding folds; one that rounds is left to the compiler, which rounds as the method does.
                Node operand = this.b[args[0]];
                bool exact = node.Type == ScalarType.Double || (node.Type == ScalarType.Element && operand.Type == ScalarType.Float) || double.IsNaN(operand.Value) || double.IsInfinity(operand.Value) || (double)(float)operand.Value == operand.Value;
                return operand.Op == Op.Constant && exact ? this.b.Constant(operand.Value, node.Type) : this.b.Convert(args[0], node.Type, node.Overflow);
            }

            if (this.Fold(op, args) is { } folded)
            {
                return this.b.Constant(folded, node.Type);
            }

            switch (op)
            {
                case Op.Add:
                    return this.Add(args[0], args[1]);
                case Op.Subtract:
                    return this.Subtract(args[0], args[1]);
                case Op.Multiply:
                    return this.Multiply(args[0], args[1]);
                case Op.Divide:
                    return this.Divide(args[0], args[1]);
                case Op.Negate:
                    return this.Negate(args[0]);
                case Op.Pow:
                    return this.Pow(args[0], args[1]);
                case Op.Square when this.b[args[0]].Op == Op.Negate:
                    return this.b.Make(Op.Square, this.b[args[0]].Args[0]);
                case Op.Sum when this.b[args[0]].Op == Op.Broadcast:
                    // Sum of a repeated scalar: the scalar times the element count.
                    Node repeated = this.b[args[0]];
                    return this.Multiply(repeated.Args[0], this.b.ElementCount(repeated.Domain));
                case Op.Select when this.ScalarConstant(args[0]) is { } condition:
                    return condition != 0 ? args[1] : args[2];
                case Op.Select when args[1] == args[2]:
                    return args[1];
                case Op.StopGradient when this.b[args[0]].Op is Op.StopGradient or Op.Constant or Op.Count:
                    return args[0];
                default:
                    return this.b.Make(op, args);
            }
        }

        /// <summary>
        /// Rewrites an operation on integers (or a conversion from or to one): constants fold exactly when the result
        /// is what C# computes in any overflow context, and only x + 0, x - 0, x * 1, x / 1 and a decided selection
        /// simplify. Nothing rewrites integer division or reassociates: (a / b) * b is not a.
        /// </summary>
        private int RewriteInteger(Node node, int[] args)
        {
            Op op = node.Op;
            bool constants = args.All(a => this.b[a].Op == Op.Constant);
            if (constants && this.FoldInteger(node, args) is { } folded)
            {
                return folded;
            }

            switch (op)
            {
                case Op.Add when this.IsInteger(args[1], 0):
                case Op.Subtract when this.IsInteger(args[1], 0):
                case Op.Multiply when this.IsInteger(args[1], 1):
                case Op.Divide when this.IsInteger(args[1], 1):
                    return args[0];
                case Op.Add when this.IsInteger(args[0], 0):
                case Op.Multiply when this.IsInteger(args[0], 1):
                    return args[1];
                case Op.Select when this.ScalarConstant(args[0]) is { } condition:
                    return condition != 0 ? args[1] : args[2];
                case Op.Select when args[1] == args[2]:
                    return args[1];
                case Op.Convert:
                    return this.b.Convert(args[0], node.Type, node.Overflow);
                default:
                    return this.b.Add(node with { Args = Model.EquatableArray.Create(args) });
            }
        }

        private bool IsInteger(int id, int value) => this.b[id] is { Op: Op.Constant } c && c.Type.IsInteger() && c.Integer() == value;

        /// <summary>An operation on integer constants, when its result is exact and the same checked or unchecked; else null.</summary>
        private int? FoldInteger(Node node, int[] args)
        {
            Node x = this.b[args[0]];
            Node? y = args.Length > 1 ? this.b[args[1]] : null;
            if (!x.Type.IsInteger())
            {
                return null;
            }

            System.Numerics.BigInteger a = x.Integer();
            System.Numerics.BigInteger b = y is not null && y.Type.IsInteger() ? y.Integer() : 0;
            if (node.Op.IsComparison())
            {
                int order = a.CompareTo(b);
                bool holds = node.Op switch
                {
                    Op.Less => order < 0,
                    Op.LessOrEqual => order <= 0,
                    Op.Greater => order > 0,
                    Op.GreaterOrEqual => order >= 0,
                    Op.Equal => order == 0,
                    _ => order != 0,
                };
                return this.b.Constant(holds ? 1 : 0);
            }

            if (node.Op == Op.Convert)
            {
                // To an integer type when it fits; to a floating type when every float and double holds it exactly.
                if (node.Type.IsInteger())
                {
                    return node.Type.Fits(a) ? this.b.Integer(a, node.Type) : null;
                }

                return System.Numerics.BigInteger.Abs(a) <= (1 << 24) ? this.b.Constant((double)a, node.Type) : null;
            }

            System.Numerics.BigInteger? result = node.Op switch
            {
                Op.Add => a + b,
                Op.Subtract => a - b,
                Op.Multiply => a * b,
                Op.Negate => -a,
                Op.Divide or Op.Remainder when b.IsZero || b == -1 => null,
                Op.Divide => System.Numerics.BigInteger.Divide(a, b),
                Op.Remainder => System.Numerics.BigInteger.Remainder(a, b),
                _ => null,
            };
            return result is { } value && node.Type.IsInteger() && node.Type.Fits(value) ? this.b.Integer(value, node.Type) : null;
        }

        /// <summary>The primitive's fold from its row of the table, when every operand is a constant; else null.</summary>
        private double? Fold(Op op, int[] args)
        {
            if (Primitives.Of(op).Fold is not { } fold || args.Any(a => this.b[a].Op != Op.Constant))
            {
                return null;
            }

            double x = this.b[args[0]].Value;
            double y = args.Length > 1 ? this.b[args[1]].Value : 0;
            double z = args.Length > 2 ? this.b[args[2]].Value : 0;
            return fold(x, y, z);
        }

        /// <summary>The value of a scalar constant, or of a constant repeated over a tensor.</summary>
        private double? ScalarConstant(int id)
        {
            Node node = this.b[id];
            if (node.Op == Op.Constant)
            {
                return node.Value;
            }

            return node.Op == Op.Broadcast && this.b[node.Args[0]].Op == Op.Constant ? this.b[node.Args[0]].Value : null;
        }

        private bool Is(int id, double value) => this.ScalarConstant(id) is { } c && c.Equals(value);

        /// <summary>A value of <paramref name="id"/>'s kind equal to <paramref name="value"/> everywhere.</summary>
        private int Like(int id, double value)
        {
            Node node = this.b[id];
            int constant = this.b.Constant(value, node.IsTensor ? ScalarType.Element : node.Type);
            return node.IsTensor ? this.b.Broadcast(constant, node.Domain) : constant;
        }

        /// <summary>The scalar a tensor repeats (a broadcast's operand), or the scalar itself.</summary>
        private int? Uniform(int id)
        {
            Node node = this.b[id];
            return node.Op == Op.Broadcast ? node.Args[0] : node.IsScalar ? id : null;
        }

        private int Add(int x, int y)
        {
            if (this.Is(y, 0))
            {
                return x;
            }

            if (this.Is(x, 0))
            {
                return y;
            }

            if (this.b[y].Op == Op.Negate)
            {
                return this.Subtract(x, this.b[y].Args[0]);
            }

            if (x == y)
            {
                return this.Multiply(this.Like(x, 2), x);
            }

            return this.b.Make(Op.Add, x, y);
        }

        private int Subtract(int x, int y)
        {
            if (this.Is(y, 0))
            {
                return x;
            }

            if (this.Is(x, 0))
            {
                return this.Negate(y);
            }

            if (this.b[y].Op == Op.Negate)
            {
                return this.Add(x, this.b[y].Args[0]);
            }

            return this.b.Make(Op.Subtract, x, y);
        }

        private int Negate(int x)
        {
            Node node = this.b[x];
            if (node.Op == Op.Negate)
            {
                return node.Args[0];
            }

            if (node.Op == Op.Constant)
            {
                return this.b.Constant(-node.Value, node.Type);
            }

            if (node.Op == Op.Broadcast)
            {
                return this.b.Broadcast(this.Negate(node.Args[0]), node.Domain);
            }

            if (node.Op == Op.Multiply && this.ScalarConstant(node.Args[0]) is { } factor)
            {
                return this.Multiply(this.Like(node.Args[0], -factor), node.Args[1]);
            }

            if (node.Op == Op.Subtract)
            {
                return this.b.Make(Op.Subtract, node.Args[1], node.Args[0]);
            }

            return this.b.Make(Op.Negate, x);
        }

        private int Multiply(int x, int y)
        {
            // Constants go first (2 * x), so equal products share a node and read naturally.
            if (this.ScalarConstant(y) is not null && this.ScalarConstant(x) is null)
            {
                (x, y) = (y, x);
            }

            if (this.Is(x, 1))
            {
                return y;
            }

            if (this.Is(y, 1))
            {
                return x;
            }

            if (this.Is(x, 0))
            {
                return this.Like(y, 0);
            }

            if (this.Is(x, -1))
            {
                return this.Negate(y);
            }

            Node left = this.b[x];
            Node right = this.b[y];
            if (left.Op == Op.Negate && right.Op == Op.Negate)
            {
                return this.Multiply(left.Args[0], right.Args[0]);
            }

            if (right.Op == Op.Negate)
            {
                return this.Negate(this.Multiply(x, right.Args[0]));
            }

            if (left.Op == Op.Negate)
            {
                return this.Negate(this.Multiply(left.Args[0], y));
            }

            // Gather uniform factors: a * (b * t) = (a * b) * t, where a and b are scalars or repeated scalars.
            if (this.Uniform(x) is { } a && right.Op == Op.Multiply && this.Uniform(right.Args[0]) is { } inner && (left.IsScalar == right.IsScalar))
            {
                int product = this.MultiplyScalars(a, inner);
                return this.Multiply(left.IsTensor ? this.b.Broadcast(product, left.Domain) : product, right.Args[1]);
            }

            if (x == y && !left.Op.IsMaterialized())
            {
                return this.b.Make(Op.Square, x);
            }

            if (this.Uniform(x) is { } s && this.Uniform(y) is { } t && left.IsTensor && right.IsTensor)
            {
                return this.b.Broadcast(this.MultiplyScalars(s, t), left.Domain);
            }

            return this.b.Make(Op.Multiply, x, y);
        }

        private int MultiplyScalars(int a, int b)
        {
            if (this.b[a].Op == Op.Constant && this.b[b].Op == Op.Constant)
            {
                return this.b.Constant(this.b[a].Value * this.b[b].Value, this.b[a].Type);
            }

            // c * (d / n) = (c * d) / n keeps constants together.
            if (this.b[a].Op == Op.Constant && this.b[b].Op == Op.Divide && this.b[this.b[b].Args[0]].Op == Op.Constant)
            {
                return this.Divide(this.b.Constant(this.b[a].Value * this.b[this.b[b].Args[0]].Value, this.b[a].Type), this.b[b].Args[1]);
            }

            if (this.b[b].Op == Op.Constant)
            {
                return this.MultiplyScalars(b, a);
            }

            return this.Multiply(a, b);
        }

        private int Divide(int x, int y)
        {
            if (this.Is(y, 1))
            {
                return x;
            }

            if (this.Is(x, 0))
            {
                return this.Like(y, 0);
            }

            if (this.ScalarConstant(y) is { } divisor && divisor != 0 && IsExactReciprocal(divisor))
            {
                return this.Multiply(this.Like(y, 1 / divisor), x);
            }

            return this.b.Make(Op.Divide, x, y);
        }

        private static bool IsExactReciprocal(double value)
        {
            // Division by a power of two is exactly multiplication by its reciprocal.
            long bits = BitConverter.DoubleToInt64Bits(value);
            return (bits & 0x000FFFFFFFFFFFFFL) == 0;
        }

        private int Pow(int x, int p)
        {
            if (this.ScalarConstant(p) is { } exponent)
            {
                if (exponent == 0)
                {
                    return this.Like(x, 1);
                }

                if (exponent == 1)
                {
                    return x;
                }

                if (exponent == 2)
                {
                    return this.b.Make(Op.Square, x);
                }

                if (exponent == 0.5)
                {
                    return this.b.Make(Op.Sqrt, x);
                }

                if (exponent == -1)
                {
                    return this.Divide(this.Like(x, 1), x);
                }
            }

            return this.b.Make(Op.Pow, x, p);
        }
    }
}
