using System.Collections.Generic;
using System.Numerics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// The element reads of a counted loop, checked once before it runs, as a hand-written loop checks its bounds: every
/// index the body reads is a constant or the counter times a constant plus a constant, so the indexes of all its
/// iterations are known here, and one test per tensor and axis before the loop stands for every check in it. The loop
/// then reads its elements with no check of their own.
/// </summary>
/// <remarks>
/// C#'s order of exceptions is kept: the loop certainly runs (its trip count is at least 1), and nothing else in it can
/// throw (no integer division, no checked arithmetic that may overflow, no local array, no size read), so as written
/// its first exception is the first failing read. When the test before the loop fails, the checks run in the order the
/// loop would make them, iteration by iteration, and the first that fails throws what the loop would have thrown.
/// </remarks>
internal static class HoistedChecks
{
    /// <summary>
    /// One element read's check: along axis <see cref="Axis"/> of tensor parameter <see cref="Parameter"/>, read with
    /// <see cref="Rank"/> indexes, at <see cref="First"/> + <see cref="Stride"/> · k in iteration k (from 0).
    /// </summary>
    public sealed record Check(int Parameter, int Rank, int Axis, long First, long Stride);

    /// <summary>
    /// The checks of a loop's reads in the order one iteration makes them, and its trip count. <see cref="Largest"/>
    /// holds, per parameter, rank and axis read, the largest index any iteration reads: the test before the loop.
    /// </summary>
    public sealed record Plan(IReadOnlyList<Check> Checks, long Count, IReadOnlyList<Check> Largest);

    /// <summary>The plan for <paramref name="loop"/>, counted as <paramref name="counted"/> says; null when its checks stay in it.</summary>
    public static Plan? For(Loop loop, Recompute.Counted counted, EquatableArray<Slot> slots)
    {
        if (counted.Count < 1)
        {
            return null;
        }

        var blocks = new List<Block>();
        if (!Blocks(loop.Body, blocks) || loop.Step is not { } step || !Blocks(step, blocks))
        {
            return null;
        }

        int stepBlocks = blocks.Count - 1;
        var checks = new List<Check>();
        for (int b = 0; b < blocks.Count; b++)
        {
            if (!Reads(blocks[b].Values, counted, slots, checks, allowChecks: b < stepBlocks))
            {
                return null;
            }
        }

        // The loop's test reads the counter against a constant (see Recompute.Count): it throws nothing.
        if (checks.Count == 0)
        {
            return null;
        }

        var largest = new Dictionary<(int, int, int), long>();
        var order = new List<(int, int, int)>();
        foreach (Check check in checks)
        {
            var key = (check.Parameter, check.Rank, check.Axis);
            long last = check.First + (check.Stride * (counted.Count - 1));
            long high = System.Math.Max(check.First, last);
            if (largest.TryGetValue(key, out long seen))
            {
                largest[key] = System.Math.Max(seen, high);
            }
            else
            {
                largest[key] = high;
                order.Add(key);
            }
        }

        var tests = new List<Check>();
        foreach ((int parameter, int rank, int axis) in order)
        {
            tests.Add(new Check(parameter, rank, axis, largest[(parameter, rank, axis)], 0));
        }

        return new Plan(checks, counted.Count, tests);
    }

    /// <summary>The blocks of a region made of blocks only, in the order they run.</summary>
    private static bool Blocks(Region region, List<Block> blocks)
    {
        switch (region)
        {
            case Block block:
                blocks.Add(block);
                return true;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    if (!Blocks(part, blocks))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Adds the checks of a computation's element reads, in the order it computes them; false when one is not of a
    /// form known here or something else in it may throw.
    /// </summary>
    private static bool Reads(Computation computation, Recompute.Counted counted, EquatableArray<Slot> slots, List<Check> checks, bool allowChecks)
    {
        Graph graph = computation.Graph;
        bool[] live = Optimize.Simplifier.Live(graph, computation.Roots);
        var affine = new Dictionary<int, (BigInteger First, BigInteger Stride)>();
        for (int id = 0; id < graph.Count; id++)
        {
            if (!live[id])
            {
                continue;
            }

            Node node = graph[id];
            if (node.IsTensor && node.Op != Op.Parameter)
            {
                // A whole tensor in a loop's block: only a parameter, whose elements are read.
                return false;
            }

            if (node.Type.IsInteger() && Affine(graph, id, counted, affine) is { } value)
            {
                // Integer arithmetic that stays in its type's range over every iteration: it throws nothing.
                affine[id] = value;
                continue;
            }

            switch (node.Op)
            {
                case Op.Index:
                    if (!allowChecks || !affine.TryGetValue(node.Args[0], out var index))
                    {
                        return false;
                    }

                    BigInteger last = index.First + (index.Stride * (counted.Count - 1));
                    if (index.First < 0 || last < 0 || index.First > int.MaxValue || last > int.MaxValue)
                    {
                        // An index that is negative somewhere, or past any span: the check stays where it is.
                        return false;
                    }

                    checks.Add(new Check(node.Parameter, (int)node.Value, (int)node.Bits, (long)index.First, (long)index.Stride));
                    continue;
                case Op.Element:
                    // A tensor parameter's element at a position checked above (a local array's indexer throws).
                    if (slots[node.Parameter].IsArray || graph[node.Args[1]].Op != Op.Index)
                    {
                        return false;
                    }

                    continue;
                case Op.Parameter:
                case Op.Constant:
                case Op.Count:
                    continue;
                case Op.Length when node.Bits < 0:
                    continue;
                case Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual or Op.Equal or Op.NotEqual or Op.And or Op.Or or Op.Not or Op.Select:
                    continue;
            }

            // Floating arithmetic throws nothing; integer arithmetic that is not affine in the counter may overflow or
            // divide by zero, and a size read may be past the rank.
            if (!node.Type.IsFloating() || node.Op is Op.Length or Op.Index or Op.SliceBounds or Op.Scatter)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A node as First + Stride · k in iteration k, when it is a constant, the counter, or integer arithmetic on them
    /// that stays in its type's range in every iteration; null otherwise.
    /// </summary>
    private static (BigInteger First, BigInteger Stride)? Affine(Graph graph, int id, Recompute.Counted counted, Dictionary<int, (BigInteger First, BigInteger Stride)> known)
    {
        Node node = graph[id];
        (BigInteger First, BigInteger Stride)? value = null;
        (BigInteger First, BigInteger Stride)? Operand(int a) => known.TryGetValue(node.Args[a], out var operand) ? operand : null;
        switch (node.Op)
        {
            case Op.Constant:
                value = (node.Integer(), BigInteger.Zero);
                break;
            case Op.Parameter when node.Bits == 0 && node.Parameter == counted.Counter:
                value = (counted.Start, counted.Step);
                break;
            case Op.Convert when graph[node.Args[0]].Type.IsInteger():
                value = Operand(0);
                break;
            case Op.Negate when Operand(0) is { } operand:
                value = (-operand.First, -operand.Stride);
                break;
            case Op.Add when Operand(0) is { } left && Operand(1) is { } right:
                value = (left.First + right.First, left.Stride + right.Stride);
                break;
            case Op.Subtract when Operand(0) is { } left && Operand(1) is { } right:
                value = (left.First - right.First, left.Stride - right.Stride);
                break;
            case Op.Multiply when Operand(0) is { } left && Operand(1) is { } right && (left.Stride.IsZero || right.Stride.IsZero):
                value = (left.First * right.First, (left.First * right.Stride) + (left.Stride * right.First));
                break;
        }

        if (value is not { } result)
        {
            return null;
        }

        // Affine in k, so its extremes are at the first and the last iteration.
        BigInteger last = result.First + (result.Stride * (counted.Count - 1));
        return node.Type.Fits(result.First) && node.Type.Fits(last) ? result : null;
    }
}
