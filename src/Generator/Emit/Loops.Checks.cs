using System.Collections.Generic;
using System.Globalization;
using SymGrad.Generator.IR;
using SymGrad.Generator.Schedule;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Element reads whose checks have run already, read with no check of their own: in a counted loop whose checks run
/// once before it (see Schedule.HoistedChecks), and in the reverse sweep, which reads again the elements the forward
/// sweep read and checked, at the same indexes.
/// </summary>
internal sealed partial class Emitter
{
    private sealed partial class StructuredWriter
    {
        // The reads written now were checked before: their Index nodes are the index itself.
        private bool checkedBefore;

        private Dictionary<Loop, HoistedChecks.Plan>? hoisted;

        // The reference to the first element of each tensor parameter read by element, by parameter (see DeclareFirstElements).
        private readonly Dictionary<int, string> firstElements = new();

        /// <summary>The plan of <paramref name="loop"/>'s checks when they run before it, or null.</summary>
        private HoistedChecks.Plan? Hoisted(Loop loop)
        {
            if (this.hoisted is null)
            {
                this.hoisted = new Dictionary<Loop, HoistedChecks.Plan>(this.counted.Comparer);
                foreach (KeyValuePair<Loop, Recompute.Counted> counted in this.counted)
                {
                    if (HoistedChecks.For(counted.Key, counted.Value, this.body.Slots) is { } plan)
                    {
                        this.hoisted[counted.Key] = plan;
                    }
                }
            }

            return this.hoisted.TryGetValue(loop, out HoistedChecks.Plan? found) ? found : null;
        }

        /// <summary>
        /// Writes the checks of a loop's element reads before it: one test per tensor, rank and axis, of the largest
        /// index read; when it fails, every check in the order the loop makes them, so the first that fails throws what
        /// the loop would throw.
        /// </summary>
        private void WriteHoistedChecks(CodeWriter w, HoistedChecks.Plan plan)
        {
            var parameters = this.emitter.method.Parameters;
            string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
            var tests = new List<string>();
            foreach (HoistedChecks.Check test in plan.Largest)
            {
                tests.Add(Kernels + "ShapeGuard.Reads(" + Identifier(parameters[test.Parameter].Name) + ", " + Number(test.Rank) + ", " + Number(test.Axis) + ", " + Number(test.First) + ")");
            }

            w.Line("// The loop's element reads, checked once before it runs (the loop reads without checks): every index it reads is known.");
            w.Open("if (!(" + string.Join(" && ", tests) + "))");
            w.Line("// An index lies outside: the checks in the order the loop makes them, to throw what it throws.");
            string iteration = this.Fresh("iteration");
            w.Open("for (long " + iteration + " = 0; " + iteration + " < " + Number(plan.Count) + "; " + iteration + "++)");
            foreach (HoistedChecks.Check check in plan.Checks)
            {
                string index = check.Stride == 0 ? Number(check.First) + "L" : Number(check.First) + "L + (" + Number(check.Stride) + "L * " + iteration + ")";
                w.Line(Kernels + "ShapeGuard.Index(" + Identifier(parameters[check.Parameter].Name) + ", \"" + parameters[check.Parameter].Name + "\", " + Number(check.Rank) + ", " + Number(check.Axis) + ", (nint)(" + index + "));");
            }

            w.Close();
            w.Close();
        }

        /// <summary>
        /// Declares a reference to the first element of each tensor parameter the body reads by element, when its type
        /// has one (spans and tensor spans): a read adds its checked position to it, with nothing else to load.
        /// </summary>
        private void DeclareFirstElements(CodeWriter w)
        {
            var parameters = this.emitter.method.Parameters;
            var read = new SortedSet<int>();
            this.ElementReads(this.body.Body, this.gradients, read);
            foreach (int p in read)
            {
                string type = parameters[p].Type;
                if (!parameters[p].IsTensor || !(type.StartsWith("global::System.Numerics.Tensors.ReadOnlyTensorSpan<", System.StringComparison.Ordinal)
                    || type.StartsWith("global::System.Numerics.Tensors.TensorSpan<", System.StringComparison.Ordinal)
                    || type.StartsWith("global::System.ReadOnlySpan<", System.StringComparison.Ordinal)
                    || type.StartsWith("global::System.Span<", System.StringComparison.Ordinal)))
                {
                    continue;
                }

                string first = this.Fresh(parameters[p].Name + "First");
                this.firstElements[p] = first;
                w.Line("ref readonly " + this.emitter.t + " " + first + " = ref " + Identifier(parameters[p].Name) + ".GetPinnableReference();");
            }
        }

        /// <summary>The tensor parameters a region's blocks and conditions read by element, and their adjoints when <paramref name="adjoints"/>.</summary>
        private void ElementReads(Region region, bool adjoints, SortedSet<int> read)
        {
            void Add(Computation computation)
            {
                foreach (Node node in computation.Graph.Nodes)
                {
                    if (node.Op == Op.Element && !this.body.Slots[node.Parameter].IsArray)
                    {
                        read.Add(node.Parameter);
                    }
                }
            }

            switch (region)
            {
                case Block block:
                    Add(block.Values);
                    if (adjoints && block.Adjoint is { } adjoint)
                    {
                        Add(adjoint.Adjoints);
                    }

                    break;
                case Sequence sequence:
                    foreach (Region part in sequence.Parts)
                    {
                        this.ElementReads(part, adjoints, read);
                    }

                    break;
                case Branch branch:
                    Add(branch.Condition);
                    this.ElementReads(branch.Then, adjoints, read);
                    this.ElementReads(branch.Else, adjoints, read);
                    break;
                case Guard guard:
                    this.ElementReads(guard.Body, adjoints, read);
                    break;
                case Exit exit:
                    this.ElementReads(exit.Body, adjoints, read);
                    break;
                case Loop loop:
                    if (loop.Condition is { } condition)
                    {
                        Add(condition);
                    }

                    this.ElementReads(loop.Body, adjoints, read);
                    if (loop.Step is { } step)
                    {
                        this.ElementReads(step, adjoints, read);
                    }

                    break;
            }
        }

        /// <summary>An element read of a tensor parameter at a checked position, from the reference to its first element; null without one.</summary>
        private string? ElementRead(Node node, System.Func<int, string> name)
            => node.Op == Op.Element && this.firstElements.TryGetValue(node.Parameter, out string? first)
                ? Kernels + "ElementReads.At(in " + first + ", (nint)(" + name(node.Args[1]) + "))"
                : null;

        /// <summary>An element read's index, checked before: the index itself.</summary>
        private static string CheckedIndex(Graph graph, int id, System.Func<int, string> name)
        {
            int index = graph[id].Args[0];
            return graph[index].Type == ScalarType.Long ? name(index) : "(long)(nint)(" + name(index) + ")";
        }
    }
}
