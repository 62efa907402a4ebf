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
/// time; its reverse sweep undoes the rest one at a time, then the vectors, in reverse. A loop that sums the elements of
/// element-wise work (<c>Sum(Square(h - target))</c>) runs its vectors into <c>Vector&lt;T&gt;.Count</c> partial sums, added
/// to the sum after them; its reverse sweep adds the sum's adjoint to each element's, a vector at a time. A broadcast index
/// (an operand read in a loop over a larger shape) is element k itself when the operand has the loop's shape: the vectors
/// run only when a run-time test finds that for every broadcast index the loop reads, and the loop runs one element at a
/// time otherwise. A loop that reads or writes anything else (another element, a stored value, a scalar adjoint it
/// accumulates) stays as it is.
/// </summary>
internal sealed partial class Emitter
{
    private sealed partial class StructuredWriter
    {
        /// <summary>
        /// An element loop that runs in vectors: its counter (the element), the block of its body and either the store after
        /// it or the slot it sums into (<see cref="Sum"/>, -1 for a store) with the node of the element added
        /// (<see cref="Element"/>); the loop shapes of the broadcast indexes it reads (<see cref="Broadcasts"/>).
        /// </summary>
        private sealed record VectorLoop(int Counter, Computation Condition, int Count, Block Values, ArrayStore? Store, int Sum, int Element, Lane[] Forward, Lane[]? Reverse, int[] Broadcasts);

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
                || this.counted.ContainsKey(loop) || HasJumps(loop.Body) || HasJumps(step))
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

            if (loop.Body is Block sum)
            {
                return this.VectorSum(counter, condition, test.Args[1], sum);
            }

            if (loop.Body is not Sequence { Parts.Count: 2 } body || body.Parts[0] is not Block values || body.Parts[1] is not ArrayStore store)
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
            var broadcasts = new HashSet<int>();
            if (this.Lanes(values.Values, counter, assigned, adjointOf: -1, broadcasts) is not { } forward)
            {
                return null;
            }

            Lane[]? reverse = null;
            if (this.gradients && values.Adjoint is { } adjoint && (reverse = this.VectorAdjoint(adjoint, counter, assigned, values.Slots[0], broadcasts)) is null)
            {
                return null;
            }

            return new VectorLoop(counter, condition, test.Args[1], values, store, -1, -1, forward, reverse, broadcasts.OrderBy(b => b).ToArray());
        }

        /// <summary>
        /// The loop <c>sum = sum + element k of ...</c> of a Sum, in vectors, or null: the element added is element-wise work
        /// on elements k, and the reverse sweep only adds the sum's adjoint, passed on unchanged, to adjoints at element k.
        /// </summary>
        private VectorLoop? VectorSum(int counter, Computation condition, int count, Block values)
        {
            if (values.Slots.Count != 1 || values.Values.Roots.Count != 1)
            {
                return null;
            }

            int sum = values.Slots[0];
            Graph graph = values.Values.Graph;
            Node add = graph[values.Values.Roots[0]];
            if (add.Op != Op.Add || add.Type != ScalarType.Element || this.body.Slots[sum].Type != ScalarType.Element
                || (this.gradients && (this.restored[sum] || !this.restored[counter] || KeepsValues(values))))
            {
                return null;
            }

            int element = ReadsSlot(graph, add.Args[0], sum) ? add.Args[1] : ReadsSlot(graph, add.Args[1], sum) ? add.Args[0] : -1;
            var assigned = new HashSet<int> { counter, sum };
            var broadcasts = new HashSet<int>();
            if (element < 0 || this.Lanes(values.Values with { Roots = EquatableArray.Create(element) }, counter, assigned, adjointOf: -1, broadcasts) is not { } forward)
            {
                return null;
            }

            Lane[]? reverse = null;
            if (this.gradients && values.Adjoint is { } adjoint)
            {
                if (!this.body.Slots[sum].Active || this.Lanes(adjoint.Adjoints, counter, assigned, sum, broadcasts) is not { } lanes || !this.ScattersRunInVectors(adjoint, lanes))
                {
                    return null;
                }

                // The sum's adjoint is passed on as it is: each element's adjoint is the sum's.
                for (int i = 0; i < adjoint.Slots.Count; i++)
                {
                    if (adjoint.Slots[i] != sum || !adjoint.Replace[i] || !ReadsSlot(adjoint.Adjoints.Graph, adjoint.Adjoints.Roots[i], sum, bits: 1))
                    {
                        return null;
                    }
                }

                reverse = lanes;
            }

            return new VectorLoop(counter, condition, count, values, null, sum, element, forward, reverse, broadcasts.OrderBy(b => b).ToArray());
        }

        private static bool ReadsSlot(Graph graph, int id, int slot, int bits = 0) => graph[id] is { Op: Op.Parameter } read && read.Parameter == slot && read.Bits == bits;

        private static bool KeepsValues(Block block) => Schedule.StoredValues.Of(block).Count > 0;

        /// <summary>
        /// Whether the reverse of the store's value runs lane by lane: it reads only the value's own adjoint (element k of
        /// the local's adjoints), adds only at element k, and leaves the value's adjoint at 0.
        /// </summary>
        private Lane[]? VectorAdjoint(BlockAdjoint adjoint, int counter, HashSet<int> assigned, int value, HashSet<int> broadcasts)
        {
            if (!this.body.Slots[value].Active || this.Lanes(adjoint.Adjoints, counter, assigned, value, broadcasts) is not { } lanes || !this.ScattersRunInVectors(adjoint, lanes))
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

            return lanes;
        }

        /// <summary>Whether every adjoint the reverse adds goes to element k of an array of adjoints, a vector of them at a time.</summary>
        private bool ScattersRunInVectors(BlockAdjoint adjoint, Lane[] lanes)
        {
            for (int j = 0; j < adjoint.Scatters.Count; j++)
            {
                int position = adjoint.Adjoints.Roots[adjoint.Slots.Count + (2 * j)];
                int added = adjoint.Adjoints.Roots[adjoint.Slots.Count + (2 * j) + 1];
                if (lanes[position] != Lane.Index || lanes[added] != Lane.Vector || !this.gradientElements.ContainsKey(adjoint.Scatters[j]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// How each live node of <paramref name="computation"/> runs in the vector body, or null if one cannot: element
        /// reads at the counter (directly or through a broadcast index, whose loop shape goes into <paramref name="broadcasts"/>:
        /// the vectors run only where each is the identity), element-wise +, -, *, /, negation and squares, constants and scalars
        /// the loop does not assign.
        /// </summary>
        private Lane[]? Lanes(Computation computation, int counter, HashSet<int> assigned, int adjointOf, HashSet<int> broadcasts)
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
                    Op.LoopIndex => lanes[node.Args[0]] == Lane.Index ? Lane.Index : Lane.None,
                    Op.Convert => lanes[node.Args[0]] == Lane.Index && node.Type is ScalarType.Int or ScalarType.Long ? Lane.Index : Lane.None,
                    Op.Element => element && node.Args.Count == 2 && lanes[node.Args[0]] == Lane.Source && lanes[node.Args[1]] == Lane.Index
                        && (this.body.Slots[node.Parameter].IsArray ? this.body.Slots[node.Parameter].Type == ScalarType.Element : this.firstElements.ContainsKey(node.Parameter))
                        ? Lane.Vector : Lane.None,
                    Op.Add or Op.Subtract or Op.Multiply or Op.Divide or Op.Negate or Op.Square => element && AllVector(node, lanes) ? Lane.Vector : Lane.None,
                    _ => Lane.None,
                };
                if (lanes[id] == Lane.None)
                {
                    return null;
                }

                if (node.Op == Op.LoopIndex)
                {
                    broadcasts.Add(node.Parameter);
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
                    // u² as u * u, as the scalar loop writes it
                    Op.Square => names[node.Args[0]] + " * " + names[node.Args[0]],
                    _ => names[node.Args[0]] + " " + Primitives.Of(node.Op).Symbol + " " + names[node.Args[1]],
                };
                string name = this.Temporary();
                string note = graph.Note(id);
                w.Line("var " + name + " = " + expression + ";" + (note.Length > 0 ? " // " + note : string.Empty));
                names[id] = name;
            }

            return names;
        }

        /// <summary>The test that every broadcast index the loop reads is element k itself, or null if it reads none.</summary>
        private string? IdentityTest(VectorLoop loop)
            => loop.Broadcasts.Length == 0 ? null : string.Join(" && ", loop.Broadcasts.Select(b => this.LoopShapeName(b) + ".IsIdentity"));

        /// <summary>The whole vectors of an element loop, ahead of its loop, which goes on from the element they stop at.</summary>
        private void ForwardVectors(CodeWriter w, VectorLoop loop, string? count)
        {
            string k = this.slotNames[loop.Counter];
            string width = this.VectorType + ".Count";
            string? identity = this.IdentityTest(loop);
            w.Line("// the same, a vector of elements at a time"
                + (loop.Store is null ? " into partial sums added to " + this.slotNames[loop.Sum] : " (element k touches element k alone)")
                + (identity is null ? string.Empty : ", when no operand is broadcast"));
            if (identity is not null)
            {
                w.Open("if (" + identity + ")");
            }

            string? partials = null;
            if (loop.Store is null)
            {
                partials = this.Fresh("partialSums");
                w.Line("var " + partials + " = " + this.VectorType + ".Zero;");
            }

            string total = this.Compute(w, loop.Condition, exceptRoots: true)(loop.Count);
            w.Open("while (" + k + " <= " + total + " - " + width + ")");
            Dictionary<int, string> names = this.VectorCompute(w, loop.Values.Values, loop.Forward, k, new Dictionary<int, string>());
            if (loop.Store is { } store)
            {
                w.Line(names[loop.Values.Values.Roots[0]] + ".CopyTo(" + this.slotNames[store.Array] + ".Slice(" + k + "));");
            }
            else
            {
                w.Line(partials + " += " + names[loop.Element] + ";");
            }

            w.Line(k + " += " + width + ";");
            if (count is not null)
            {
                w.Line(count + " += " + width + ";");
            }

            w.Close();
            if (partials is not null)
            {
                string sum = this.slotNames[loop.Sum];
                w.Line(sum + " = " + sum + " + global::System.Numerics.Vector.Sum(" + partials + ");");
            }

            if (identity is not null)
            {
                w.Close();
            }
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
            string? identity = this.IdentityTest(vectors);
            w.Line("// " + loop.Text + ", backwards: the elements after the last whole vector one at a time, then the vectors");
            w.Line("long " + iterations + " = " + this.tape + ".PopInteger();");
            string whole = iterations + " / " + width;
            string rest = iterations + " % " + width;
            if (identity is not null)
            {
                // The same test as forward: no vectors ran where a broadcast index is not k itself.
                whole = this.Fresh("vectors");
                w.Line("long " + whole + " = " + identity + " ? " + iterations + " / " + width + " : 0;");
                rest = iterations + " - (" + whole + " * " + width + ")";
            }

            w.Open("for (long " + iteration + " = " + rest + "; " + iteration + " > 0; " + iteration + "--)");
            scalar();
            w.Close();
            w.Open("for (long " + iteration + " = " + whole + "; " + iteration + " > 0; " + iteration + "--)");
            w.Line(k + " -= " + width + ";");
            if (vectors.Values.Adjoint is not { } adjoint || vectors.Reverse is null)
            {
                w.Close();
                return;
            }

            var known = new Dictionary<int, string>();
            if (vectors.Store is { } store)
            {
                if (!this.HasAdjoints(store.Array))
                {
                    w.Close();
                    return;
                }

                // The store, backwards: the adjoints of elements k.. go to the values written, and are 0 again.
                string adjoints = this.adjointNames[store.Array];
                int value = store.Values[0];
                string written = this.Temporary();
                w.Line("var " + written + " = new " + this.VectorType + "(" + adjoints + ".Slice(" + k + "));");
                w.Line(this.VectorType + ".Zero.CopyTo(" + adjoints + ".Slice(" + k + "));");
                Graph graph = adjoint.Adjoints.Graph;
                for (int id = 0; id < graph.Count; id++)
                {
                    if (ReadsSlot(graph, id, value, bits: 1))
                    {
                        known[id] = written;
                    }
                }
            }

            // Only the adjoints added at elements k..: the value's own adjoint, set to 0, is left at 0 by the vectors, and
            // a sum's adjoint is passed on as it is.
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
