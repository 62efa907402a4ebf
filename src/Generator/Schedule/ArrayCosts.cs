using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Schedule;

/// <summary>
/// What a method's local arrays cost a call, for its remarks: each array's buffer (and its adjoints' for an active
/// array), rented from the pool once per call; the tape's share is measured with the regions.
/// </summary>
internal static class ArrayCosts
{
    /// <summary>How the remarks name array slot <c>i</c>'s length: <c>len(a)</c>, its largest in the call.</summary>
    public static System.Func<int, string> LengthName(StructuredBody body) => slot => "len(" + body.Slots[slot].Name + ")";

    public static IEnumerable<string> Describe(StructuredBody body)
    {
        var arrays = body.Slots.Where(s => s.IsArray).ToList();
        if (arrays.Count == 0)
        {
            yield break;
        }

        var parts = new List<string>();
        foreach (Slot array in arrays)
        {
            int size = array.Type.IsFloating() && array.Type != ScalarType.Float ? 8 : 4;
            bool adjoints = array.Active;
            parts.Add(array.Name + ": " + (adjoints ? 2 * size : size).ToString(System.Globalization.CultureInfo.InvariantCulture) + "·len(" + array.Name + ")" + (adjoints ? " (its elements and their adjoints)" : string.Empty));
        }

        yield return "Local arrays, each in a buffer rented once per call from ArrayPool<T>.Shared (len(a) is a's largest length";
        yield return "in the call; the value method needs no adjoints): " + string.Join("; ", parts) + " bytes.";
    }
}
