using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.Autodiff;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// The schedule of a method with control flow. Its reverse sweep stores, on a tape rented once per call, the value each
/// block overwrites (8 bytes a slot), the branch each <c>if</c> and guard took (8 bytes), and each loop's iteration
/// count (8 bytes); it recomputes everything else inside a block from the restored values. This writes what that costs
/// as a function of the loops' trip counts, for the generated method's remarks.
/// </summary>
internal static class LoopSchedule
{
    public static MethodPlan Schedule(MethodModel method, Derivative derivative)
    {
        StructuredBody body = derivative.StructuredBody!;
        var loops = new List<string>();
        Cost cost = Measure(body.Body, loops, ArrayCosts.LengthName(body), TapeSlots.Restored(body));
        var docs = new List<string>
        {
            "Reverse sweep over the loops and branches as they ran, without a graph: the forward sweep stores on a tape",
            "the value each assignment overwrites that an adjoint reads, the branch each 'if' took and each loop's iteration count, rented once",
            "per call from ArrayPool<T>.Shared and grown by doubling; everything else is recomputed from the restored values.",
            "Bytes stored per call: " + cost.Render() + (loops.Count > 0 ? ", where" : "."),
        };
        for (int i = 0; i < loops.Count; i++)
        {
            docs.Add("  N" + (i + 1).ToString(CultureInfo.InvariantCulture) + " = iterations of " + loops[i] + (i == loops.Count - 1 ? "." : ","));
        }

        docs.AddRange(ArrayCosts.Describe(body));

        var empty = new Plan(new GraphBuilder().ToGraph(), EquatableArray<PlanStep>.Empty, -1, EquatableArray<GradientWrite>.Empty, EquatableArray<int>.Empty);
        return new MethodPlan(method, empty, empty, docs.ToEquatableArray(), body);
    }

    private static Cost Measure(Region region, List<string> loops, System.Func<int, string> arrayLengths, bool[] restored)
    {
        switch (region)
        {
            case Block block:
                return new Cost(8L * block.Slots.Count(slot => restored[slot]), new List<string>());
            case ArrayStore store:
                return new Cost(8L * store.Indexes.Count, new List<string>());
            case ArrayReset reset:
                // The array it replaces: its elements and its length.
                return new Cost(8, new List<string> { "8·" + arrayLengths(reset.Array) });
            case Sequence sequence:
                Cost sum = new(0, new List<string>());
                foreach (Region part in sequence.Parts)
                {
                    sum = sum.Plus(Measure(part, loops, arrayLengths, restored));
                }

                return sum;
            case Branch or Guard when !region.Stores(restored):
                return new Cost(0, new List<string>());
            case Branch branch:
                return new Cost(8, new List<string>()).Plus(Cost.Max(Measure(branch.Then, loops, arrayLengths, restored), Measure(branch.Else, loops, arrayLengths, restored)));
            case Guard guard:
                return new Cost(8, new List<string>()).Plus(Measure(guard.Body, loops, arrayLengths, restored));
            case Exit exit:
                return Measure(exit.Body, loops, arrayLengths, restored);
            case Loop loop:
                loops.Add(loop.Text);
                string n = "N" + loops.Count.ToString(CultureInfo.InvariantCulture);
                Cost inner = Measure(loop.Body, loops, arrayLengths, restored);
                if (loop.Step is { } step)
                {
                    inner = inner.Plus(Measure(step, loops, arrayLengths, restored));
                }

                string term = inner.Terms.Count == 0 ? inner.Constant.ToString(CultureInfo.InvariantCulture) + "·" + n : n + "·(" + inner.Render() + ")";
                return new Cost(8, inner.IsZero ? new List<string>() : new List<string> { term });
            default:
                return new Cost(0, new List<string>());
        }
    }

    /// <summary>A byte count: a constant plus terms that grow with trip counts.</summary>
    private sealed record Cost(long Constant, List<string> Terms)
    {
        public bool IsZero => this.Constant == 0 && this.Terms.Count == 0;

        public Cost Plus(Cost other) => new(this.Constant + other.Constant, this.Terms.Concat(other.Terms).ToList());

        public static Cost Max(Cost a, Cost b)
        {
            if (a.Terms.Count == 0 && b.Terms.Count == 0)
            {
                return new Cost(System.Math.Max(a.Constant, b.Constant), new List<string>());
            }

            if (a.IsZero || b.IsZero)
            {
                return a.IsZero ? b : a;
            }

            return new Cost(0, new List<string> { "max(" + a.Render() + ", " + b.Render() + ")" });
        }

        public string Render()
        {
            var parts = new List<string>();
            if (this.Constant != 0 || this.Terms.Count == 0)
            {
                parts.Add(this.Constant.ToString(CultureInfo.InvariantCulture));
            }

            parts.AddRange(this.Terms);
            return string.Join(" + ", parts);
        }
    }
}
