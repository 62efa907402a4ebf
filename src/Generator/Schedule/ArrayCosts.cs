using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// What a method's local arrays cost a call, for its remarks: each array's buffer (and its adjoints' for an active
/// array), rented from the pool once per call or, for an array created once with a constant length, on the stack; the
/// tape's share is measured with the regions.
/// </summary>
internal static class ArrayCosts
{
    /// <summary>How the remarks name array slot <c>i</c>'s length: <c>len(a)</c>, its largest in the call.</summary>
    public static System.Func<int, string> LengthName(StructuredBody body) => slot => "len(" + body.Slots[slot].Name + ")";

    /// <summary>
    /// The elements of a stack buffer for an array created once per call (<paramref name="createdOnce"/>) whose length
    /// slot is only ever assigned constants, the largest of them, at most 128; null for an array whose buffer is rented.
    /// </summary>
    public static long? StackLength(StructuredBody body, int array, HashSet<int> createdOnce)
    {
        const long Largest = 128;
        long most = 0;
        return createdOnce.Contains(array) && ConstantLengths(body.Body, body.Slots[array].Length, ref most) && most <= Largest ? most : null;
    }

    /// <summary>Whether every assignment to <paramref name="slot"/> in <paramref name="region"/> is a constant from 0 up; the largest.</summary>
    private static bool ConstantLengths(Region region, int slot, ref long most)
    {
        switch (region)
        {
            case Block block:
                for (int i = 0; i < block.Slots.Count; i++)
                {
                    if (block.Slots[i] != slot)
                    {
                        continue;
                    }

                    if (block.Values.Graph[block.Values.Roots[i]] is not { Op: Op.Constant, Type: ScalarType.Int, Bits: >= 0 } constant)
                    {
                        return false;
                    }

                    most = System.Math.Max(most, constant.Bits);
                }

                return true;
            case Sequence sequence:
                foreach (Region part in sequence.Parts)
                {
                    if (!ConstantLengths(part, slot, ref most))
                    {
                        return false;
                    }
                }

                return true;
            case Branch branch:
                return ConstantLengths(branch.Then, slot, ref most) && ConstantLengths(branch.Else, slot, ref most);
            case Guard guard:
                return ConstantLengths(guard.Body, slot, ref most);
            case Exit exit:
                return ConstantLengths(exit.Body, slot, ref most);
            case Loop loop:
                return ConstantLengths(loop.Body, slot, ref most) && (loop.Step is not { } step || ConstantLengths(step, slot, ref most));
            default:
                return true;
        }
    }

    public static IEnumerable<string> Describe(StructuredBody body)
    {
        if (!body.Slots.Any(s => s.IsArray))
        {
            yield break;
        }

        var parts = new List<string>();
        HashSet<int> once = Recompute.CreatedOnce(body);
        for (int slot = 0; slot < body.Slots.Count; slot++)
        {
            Slot array = body.Slots[slot];
            if (!array.IsArray)
            {
                continue;
            }

            int size = array.Type.IsFloating() && array.Type != ScalarType.Float ? 8 : 4;
            bool adjoints = array.Active;
            bool stack = StackLength(body, slot, once) is not null;
            parts.Add(array.Name + ": " + (adjoints ? 2 * size : size).ToString(System.Globalization.CultureInfo.InvariantCulture) + "·len(" + array.Name + ")" + (adjoints ? " (its elements and their adjoints)" : string.Empty) + (stack ? " on the stack" : string.Empty));
        }

        yield return "Local arrays, each in a buffer rented once per call from ArrayPool<T>.Shared, or on the stack when created once per";
        yield return "call with a constant length (len(a) is a's largest length in the call; the value method needs no adjoints):";
        yield return string.Join("; ", parts) + " bytes.";
    }
}
