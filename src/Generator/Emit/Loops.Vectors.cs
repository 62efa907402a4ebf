using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Element loops run a vector of elements at a time. A loop over the elements of a tensor local's assignment
/// (<c>h = h + dt * f(h)</c>: element k reads element k of each tensor and writes element k of the local) whose
/// iterations touch no element but their own runs its first whole vectors of <c>Vector&lt;T&gt;.Count</c> elements with
/// the same operations lane by lane (IEEE results, element by element, as the loop gives them), then the rest one at a
/// time; its reverse sweep undoes the rest one at a time, then the vectors, in reverse. A loop that reads or writes
/// anything else (another element, a broadcast index, a stored value, a scalar adjoint it accumulates) stays as it is.
/// </summary>
internal sealed partial class Emitter
{
    private sealed partial class StructuredWriter
    {
        /// <summary>An element loop that runs in vectors: its counter (the element), the block and the store of its body.</summary>
        private sealed record VectorLoop(int Counter, Computation Condition, int Count, Block Values, ArrayStore Store, Lane[] Forward, Lane[]? Reverse);

        /// <summary>The value nodes the vector body computes, and the index nodes (the counter, converted) its reads take.</summary>
        private enum Lane
        {
            None,
            Index,
            Vector,

            /// <summary>The array or tensor an element read reads from: no value of its own.</summary>
            Source,
        }

        private string VectorType => "global::System.Numerics.Vector<" + ScalarType.Element.Keyword(this.Element) + ">";

        /// <summary>The element loop <paramref name="loop"/> runs in vectors, or null if an iteration touches more than its own element.</summary>
        private VectorLoop? Vectorizes(Loop loop)
        {
            if (loop.TestAfter || loop.Condition is not { } condition || condition.Roots.Count != 1 || loop.Step is not Block step
                || this.counted.ContainsKey(loop) || HasJumps(loop.Body) || HasJumps(step)
                || loop.Body is not Sequence { Parts.Count: 2 } body || body.Parts[0] is not Block values || body.Parts[1] is not ArrayStore store)
            {
                return null;
            }

            // for (k = ...; k < count; k++), count a tensor's element count.
            Node test = condition.Graph[condition.Roots[0]];
            if (test.Op != Op.Less || condition.Graph[test.Args[0]] is not { Op: Op.Parameter, Bits: 0 } read || condition.Graph[test.Args[1]].Op != Op.Count)
            {
                return null;
            }

            int counter = read.Parameter;
            if (step.Slots.Count != 1 || step.Slots[0] != counter || this.body.Slots[counter].Type != ScalarType.Int
                || (step.Adjoint is { } stepAdjoint && (stepAdjoint.Slots.Count > 0 || stepAdjoint.Scatters.Count > 0))
                || Schedule.Recompute.Inverse(step, 0, this.body.Slots) is not { Op: Op.Subtract } inverse || inverse.Constant.Bits != 1)
            {
                return null;
            }

            // h[k] = value: one element of the method's type, written at the counter, nothing of it kept for the reverse sweep.
            if (values.Slots.Count != 1 || store.Indexes.Count != 1 || store.Indexes[0] != counter || store.Values[0] != values.Slots[0]
                || this.body.Slots[store.Array].Type != ScalarType.Element || this.body.Slots[values.Slots[0]].Type != ScalarType.Element
                || (this.indexes.TryGetValue(store, out Computation?[]? again) && again.Any(index => index is not null))
                || (this.gradients && (this.restored[store.Array] || this.restored[values.Slots[0]] || !this.restored[counter] || KeepsValues(values))))
            {
                return null;
            }

            var assigned = new HashSet<int> { counter, values.Slots[0] };
            if (this.Lanes(values.Values, counter, assigned, adjointOf: -1) is not { } forward)
            {
                return null;
            }

            Lane[]? reverse = null;
            if (this.gradients && values.Adjoint is { } adjoint && (reverse = this.VectorAdjoint(adjoint, counter, assigned, values.Slots[0])) is null)
            {
                return null;
            }

            return new VectorLoop(counter, condition, test.Args[1], values, store, forward, reverse);
        }

        private static bool KeepsValues(Block block) => Schedule.StoredValues.Of(block).Count > 0;

        /// <summary>
        /// Whether the reverse of the store's value runs lane by lane: it reads only the value's own adjoint (element k of
        /// the local's adjoints), adds only at element k, and leaves the value's adjoint at 0.
        /// </summary>
        private Lane[]? VectorAdjoint(BlockAdjoint adjoint, int counter, HashSet<int> assigned, int value)
        {
            if (!this.body.Slots[value].Active || this.Lanes(adjoint.Adjoints, counter, assigned, value) is not { } lanes)
            {
                return null;
            }

            Graph graph = adjoint.Adjoints.Graph;
            for (int i = 0; i < adjoint.Slots.Count; i++)
            {
                if (adjoint.Slots[i] != value || !adjoint.Replace[i] || graph[adjoint.Adjoints.Roots[i]] is not { Op: Op.Constant, Value: 0 })
                {
                    return null;
                }
            }

            for (int j = 0; j < adjoint.Scatters.Count; j++)
            {
                int position = adjoint.Adjoints.Roots[adjoint.Slots.Count + (2 * j)];
                int added = adjoint.Adjoints.Roots[adjoint.Slots.Count + (2 * j) + 1];
                if (lanes[position] != Lane.Index || lanes[added] != Lane.Vector || !this.gradientElements.ContainsKey(adjoint.Scatters[j]))
                {
                    return null;
                }
            }

            return lanes;
        }

        /// <summary>
        /// How each live node of <paramref name="computation"/> runs in the vector body, or null if one cannot: element
        /// reads at the counter, element-wise +, -, *, / and negation, constants and scalars the loop does not assign.
        /// </summary>
        private Lane[]? Lanes(Computation computation, int counter, HashSet<int> assigned, int adjointOf)
        {
            Graph graph = computation.Graph;
            bool[] live = Optimize.Simplifier.Live(graph, computation.Roots);
            var lanes = new Lane[graph.Count];
            for (int id = 0; id < graph.Count; id++)
            {
                if (!live[id])
                {
                    continue;
                }

                Node node = graph[id];
                bool element = node.Type == ScalarType.Element;
                lanes[id] = node.Op switch
                {
                    Op.Parameter when node.Parameter == counter && node.Bits == 0 => Lane.Index,
                    Op.Parameter when node.Bits == 1 => node.Parameter == adjointOf ? Lane.Vector : Lane.None,
                    Op.Parameter when node.IsTensor || this.body.Slots[node.Parameter].IsArray => Lane.Source,
                    Op.Parameter => element && !assigned.Contains(node.Parameter) && !this.body.Slots[node.Parameter].IsArray ? Lane.Vector : Lane.None,
                    Op.Constant => element ? Lane.Vector : Lane.None,
                    Op.Convert => lanes[node.Args[0]] == Lane.Index && node.Type is ScalarType.Int or ScalarType.Long ? Lane.Index : Lane.None,
                    Op.Element => element && node.Args.Count == 2 && lanes[node.Args[0]] == Lane.Source && lanes[node.Args[1]] == Lane.Index
                        && (this.body.Slots[node.Parameter].IsArray ? this.body.Slots[node.Parameter].Type == ScalarType.Element : this.firstElements.ContainsKey(node.Parameter))
                        ? Lane.Vector : Lane.None,
                    Op.Add or Op.Subtract or Op.Multiply or Op.Divide or Op.Negate => element && AllVector(node, lanes) ? Lane.Vector : Lane.None,
                    _ => Lane.None,
                };
                if (lanes[id] == Lane.None)
                {
                    return null;
                }
            }

            // An index feeds only element reads and the positions of adjoints added.
            for (int id = 0; id < graph.Count; id++)
            {
                if (live[id] && lanes[id] == Lane.Vector && graph[id].Op != Op.Element && AnyIndex(graph[id], lanes))
                {
                    return null;
                }

                if (live[id] && lanes[id] == Lane.Source && computation.Roots.Contains(id))
                {
                    return null;
                }
            }

            return lanes;
        }

        private static bool AllVector(Node node, Lane[] lanes)
        {
            foreach (int arg in node.Args)
            {
                if (lanes[arg] != Lane.Vector)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool AnyIndex(Node node, Lane[] lanes)
        {
            foreach (int arg in node.Args)
            {
                if (lanes[arg] is Lane.Index or Lane.Source)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Writes the vector nodes of <paramref name="computation"/> as vector locals at element <paramref name="at"/>; returns their names.</summary>
        private Dictionary<int, string> VectorCompute(CodeWriter w, Computation computation, Lane[] lanes, string at, Dictionary<int, string> known)
        {
            Graph graph = computation.Graph;
            bool[] live = Optimize.Simplifier.Live(graph, computation.Roots);

            var names = new Dictionary<int, string>(known);
            for (int id = 0; id < graph.Count; id++)
            {
                Node node = graph[id];
                if (!live[id] || names.ContainsKey(id) || lanes[id] != Lane.Vector)
                {
                    continue;
                }

                string expression = node.Op switch
                {
                    Op.Parameter => "new " + this.VectorType + "(" + (node.Bits == 0 ? this.slotNames[node.Parameter] : this.adjointNames[node.Parameter]) + ")",
                    Op.Constant => "new " + this.VectorType + "(" + node.Type.Literal(this.Element, node.Value, node.Bits) + ")",
                    Op.Element when this.body.Slots[node.Parameter].IsArray => "new " + this.VectorType + "(" + this.slotNames[node.Parameter] + ".Slice(" + at + "))",
                    Op.Element => "global::System.Numerics.Vector.LoadUnsafe(in " + this.firstElements[node.Parameter] + ", (nuint)" + at + ")",
                    // times -1, exact, keeps the sign of zero the scalar negation gives
                    Op.Negate => "new " + this.VectorType + "(" + ScalarType.Element.Literal(this.Element, -1, 0) + ") * " + names[node.Args[0]],
                    _ => names[node.Args[0]] + " " + Primitives.Of(node.Op).Symbol + " " + names[node.Args[1]],
                };
                string name = this.Temporary();
                string note = graph.Note(id);
                w.Line("var " + name + " = " + expression + ";" + (note.Length > 0 ? " // " + note : string.Empty));
                names[id] = name;
            }

            return names;
        }

        /// <summary>The whole vectors of an element loop, ahead of its loop, which goes on from the element they stop at.</summary>
        private void ForwardVectors(CodeWriter w, VectorLoop loop, string? count)
        {
            string k = this.slotNames[loop.Counter];
            string width = this.VectorType + ".Count";
            string total = this.Compute(w, loop.Condition, exceptRoots: true)(loop.Count);
            w.Line("// the same, " + width + " elements at a time while a whole vector is left: element k touches element k alone");
            w.Open("while (" + k + " <= " + total + " - " + width + ")");
            Dictionary<int, string> names = this.VectorCompute(w, loop.Values.Values, loop.Forward, k, new Dictionary<int, string>());
            w.Line(names[loop.Values.Values.Roots[0]] + ".CopyTo(" + this.slotNames[loop.Store.Array] + ".Slice(" + k + "));");
            w.Line(k + " += " + width + ";");
            if (count is not null)
            {
                w.Line(count + " += " + width + ";");
            }

            w.Close();
        }

        /// <summary>
        /// The reverse sweep of an element loop that ran in vectors: the elements after the last whole vector one at a time
        /// (<paramref name="scalar"/>), then the vectors, last first.
        /// </summary>
        private void ReverseVectors(CodeWriter w, Loop loop, VectorLoop vectors, System.Action scalar)
        {
            string k = this.slotNames[vectors.Counter];
            string width = this.VectorType + ".Count";
            string iterations = this.Fresh("iterations");
            string iteration = this.Fresh("iteration");
            w.Line("// " + loop.Text + ", backwards: the elements after the last whole vector one at a time, then the vectors");
            w.Line("long " + iterations + " = " + this.tape + ".PopInteger();");
            w.Open("for (long " + iteration + " = " + iterations + " % " + width + "; " + iteration + " > 0; " + iteration + "--)");
            scalar();
            w.Close();
            w.Open("for (long " + iteration + " = " + iterations + " / " + width + "; " + iteration + " > 0; " + iteration + "--)");
            w.Line(k + " -= " + width + ";");
            if (!this.HasAdjoints(vectors.Store.Array) || vectors.Values.Adjoint is not { } adjoint || vectors.Reverse is null)
            {
                w.Close();
                return;
            }

            // The store, backwards: the adjoints of elements k.. go to the values written, and are 0 again.
            string adjoints = this.adjointNames[vectors.Store.Array];
            int value = vectors.Store.Values[0];
            string written = this.Temporary();
            w.Line("var " + written + " = new " + this.VectorType + "(" + adjoints + ".Slice(" + k + "));");
            w.Line(this.VectorType + ".Zero.CopyTo(" + adjoints + ".Slice(" + k + "));");

            Graph graph = adjoint.Adjoints.Graph;
            var known = new Dictionary<int, string>();
            for (int id = 0; id < graph.Count; id++)
            {
                if (graph[id] is { Op: Op.Parameter, Bits: 1 } read && read.Parameter == value)
                {
                    known[id] = written;
                }
            }

            // Only the adjoints added at elements k..: the value's own adjoint, set to 0, is left at 0 by the vectors.
            var added = new int[adjoint.Scatters.Count];
            for (int j = 0; j < added.Length; j++)
            {
                added[j] = adjoint.Adjoints.Roots[adjoint.Slots.Count + (2 * j) + 1];
            }

            Dictionary<int, string> names = this.VectorCompute(w, adjoint.Adjoints with { Roots = EquatableArray.Create(added) }, vectors.Reverse, k, known);
            for (int j = 0; j < adjoint.Scatters.Count; j++)
            {
                string target = this.gradientElements[adjoint.Scatters[j]] + ".Slice(" + k + ")";
                w.Line("// d(x[k]) = dū added at elements k.. of dx");
                w.Line("(new " + this.VectorType + "(" + target + ") + " + names[added[j]] + ").CopyTo(" + target + ");");
            }

            w.Close();
        }
    }
}
