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
        Cost cost = Measure(body.Body, new Facts(body.Slots, Recompute.CountedLoops(body), Recompute.CreatedOnce(body)), loops, ArrayCosts.LengthName(body), TapeSlots.Restored(body));
        var docs = new List<string>
        {
            "Reverse sweep over the loops and branches as they ran, without a graph: the forward sweep stores on a tape",
            "the value each assignment overwrites that an adjoint reads, the branch each 'if' took and each loop's iteration count, rented once",
            "per call from ArrayPool<T>.Shared and grown by doubling; everything else is recomputed from the restored values: an integer",
            "step (i++) is undone by its inverse, and an 'if' on integers the branch does not assign is tested again.",
        };
        if (StoresValues(body.Body))
        {
            docs.Add("The result of each exp, log, tanh (and the like) that an adjoint reads is stored too, not computed again.");
        }

        docs.Add("Bytes stored per call: " + cost.Render() + (loops.Count > 0 ? ", where" : "."));
        for (int i = 0; i < loops.Count; i++)
        {
            docs.Add("  N" + (i + 1).ToString(CultureInfo.InvariantCulture) + " = iterations of " + loops[i] + (i == loops.Count - 1 ? "." : ","));
        }

        docs.AddRange(ArrayCosts.Describe(body));
        docs.AddRange(body.Rewrites);

        var empty = new Plan(new GraphBuilder().ToGraph(), EquatableArray<PlanStep>.Empty, -1, EquatableArray<GradientWrite>.Empty, EquatableArray<int>.Empty);
        return new MethodPlan(method, empty, empty, docs.ToEquatableArray(), body);
    }

    private static Cost Measure(Region region, Facts slots, List<string> loops, System.Func<int, string> arrayLengths, bool[] restored)
    {
        switch (region)
        {
            case Block block:
                // An integer step is undone by its inverse: nothing stored. The values its adjoint pops: 8 bytes each.
                return new Cost(8L * (Enumerable.Range(0, block.Slots.Count).Count(i => restored[block.Slots[i]] && Recompute.Inverse(block, i, slots.Slots) is null) + StoredValues.Of(block).Count), new List<string>());
            case ArrayStore store:
                return new Cost(restored[store.Array] ? 8L * store.Indexes.Count : 0, new List<string>());
            case ArrayReset reset when slots.CreatedOnce.Contains(reset.Array):
                // Created once per call: it replaces no array.
                return new Cost(0, new List<string>());
            case ArrayReset reset:
                // The array it replaces: its length, and its elements when an adjoint reads them.
                return new Cost(8, restored[reset.Array] ? new List<string> { "8·" + arrayLengths(reset.Array) } : new List<string>());
            case Sequence sequence:
                Cost sum = new(0, new List<string>());
                foreach (Region part in sequence.Parts)
                {
                    sum = sum.Plus(Measure(part, slots, loops, arrayLengths, restored));
                }

                return sum;
            case Branch or Guard when !region.Stores(restored):
                return new Cost(0, new List<string>());
            case Branch branch:
                // The side it took, unless the reverse sweep evaluates its condition again.
                return new Cost(Recompute.Condition(branch, slots.Slots) ? 0 : 8, new List<string>()).Plus(Cost.Max(Measure(branch.Then, slots, loops, arrayLengths, restored), Measure(branch.Else, slots, loops, arrayLengths, restored)));
            case Guard guard:
                return new Cost(8, new List<string>()).Plus(Measure(guard.Body, slots, loops, arrayLengths, restored));
            case Exit exit:
                return Measure(exit.Body, slots, loops, arrayLengths, restored);
            case Loop loop:
                loops.Add(loop.Text);
                string n = "N" + loops.Count.ToString(CultureInfo.InvariantCulture);
                Cost inner = Measure(loop.Body, slots, loops, arrayLengths, restored);
                bool counted = slots.Counted.ContainsKey(loop);
                if (loop.Step is { } step && !counted)
                {
                    inner = inner.Plus(Measure(step, slots, loops, arrayLengths, restored));
                }

                string term = inner.Terms.Count == 0 ? inner.Constant.ToString(CultureInfo.InvariantCulture) + "·" + n : n + "·(" + inner.Render() + ")";
                // Its iteration count, unless known at compile time.
                return new Cost(counted ? 0 : 8, inner.IsZero ? new List<string>() : new List<string> { term });
            default:
                return new Cost(0, new List<string>());
        }
    }

    private static bool StoresValues(Region region) => region switch
    {
        Block block => StoredValues.Of(block).Count > 0,
        Sequence sequence => sequence.Parts.Any(StoresValues),
        Branch branch => StoresValues(branch.Then) || StoresValues(branch.Else),
        Guard guard => StoresValues(guard.Body),
        Exit exit => StoresValues(exit.Body),
        Loop loop => StoresValues(loop.Body) || (loop.Step is { } step && StoresValues(step)),
        _ => false,
    };

    private sealed record Facts(EquatableArray<Slot> Slots, Dictionary<Loop, Recompute.Counted> Counted, HashSet<int> CreatedOnce);

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
