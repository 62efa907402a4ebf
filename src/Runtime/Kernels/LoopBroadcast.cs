using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace SymGrad.Kernels;

/// <summary>
/// The run-time shape of a loop over elements in a method with loops or branches, where tensors of different shapes
/// meet element-wise: a parameter's shape, or the NumPy/PyTorch broadcast of two shapes. Built once per call, before
/// anything is computed; shapes that do not broadcast make a shape that is none (<see cref="Broadcasts"/> false), and
/// the statement where they meet throws when it runs, as C# throws there (see <see cref="Broadcast"/>).
/// </summary>
public partial struct LoopShape
{
    /// <summary>The largest rank a loop over elements broadcasts.</summary>
    public const int MaxRank = 8;

    private LoopLengths lengths;

    /// <summary>For a shape that is none, the first two operands found not to broadcast (no names where that is not known).</summary>
    private Failure failure;

    /// <summary>The number of axes.</summary>
    public int Rank { get; private set; }

    /// <summary>The number of elements.</summary>
    public int Count { get; private set; }

    /// <summary>The shape of tensor <paramref name="tensor"/>, passed as parameter <paramref name="name"/>.</summary>
    public static LoopShape Of<T>(in ReadOnlyTensorSpan<T> tensor, string name)
    {
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        if (lengths.Length > MaxRank)
        {
            throw new ArgumentException(
                $"'{name}' has rank {lengths.Length} and meets a tensor of another shape in a method with loops or branches, which broadcasts tensors of rank up to {MaxRank}. " +
                "Reshape it to fewer axes, or do this work in a [Differentiable] method without loops and pass its value in.",
                name);
        }

        var shape = new LoopShape { Rank = lengths.Length, Count = checked((int)tensor.FlattenedLength) };
        for (int i = 0; i < lengths.Length; i++)
        {
            shape.lengths[i] = lengths[i];
        }

        return shape;
    }

    /// <summary>Whether this is a shape: false for the broadcast of two shapes that do not broadcast (see <see cref="Meet(in LoopShape, string, in LoopShape, string)"/>).</summary>
    public readonly bool Broadcasts
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => this.Count >= 0;
    }

    /// <summary>
    /// The broadcast of two shapes by NumPy's rules, computed when the method is called, or a shape that is none
    /// (<see cref="Broadcasts"/> false) where they do not broadcast, or where either is none: the statement where they
    /// meet throws, with <see cref="Broadcast"/>'s exception, when it runs. A shape that is none keeps the first two
    /// operands found not to broadcast (<paramref name="firstName"/> and <paramref name="secondName"/> here), which a
    /// statement reading it names.
    /// </summary>
    public static LoopShape Meet(in LoopShape first, string firstName, in LoopShape second, string secondName)
    {
        if (!first.Broadcasts)
        {
            return first;
        }

        if (!second.Broadcasts)
        {
            return second;
        }

        return BroadcastTogether(first, second) ? Broadcast(first, firstName, second, secondName) : None(first, firstName, second, secondName, product: false);
    }

    /// <summary>
    /// A shape that is none, keeping the two operands that made it so: kept, not thrown, as the statement that meets them
    /// may never run. Nothing is allocated until it does.
    /// </summary>
    private static LoopShape None(in LoopShape first, string firstName, in LoopShape second, string secondName, bool product)
    {
        var none = new LoopShape { Count = -1 };
        none.failure = new Failure { FirstName = firstName, SecondName = secondName, FirstRank = first.Rank, SecondRank = second.Rank, First = first.lengths, Second = second.lengths, Product = product };
        return none;
    }

    /// <summary>Throws the exception a shape that is none keeps (see <see cref="Meet(in LoopShape, string, in LoopShape, string)"/>), if it keeps one.</summary>
    internal readonly void ThrowFailure()
    {
        if (this.failure.SecondName is not null)
        {
            var first = new LoopShape { Rank = this.failure.FirstRank, lengths = this.failure.First };
            var second = new LoopShape { Rank = this.failure.SecondRank, lengths = this.failure.Second };
            if (this.failure.Product)
            {
                Product(first, this.failure.FirstName!, second, this.failure.SecondName);
            }

            throw NotBroadcasting(first, this.failure.FirstName!, second, this.failure.SecondName);
        }
    }

    /// <summary>Two operands whose shapes do not broadcast: their names and shapes.</summary>
    private struct Failure
    {
        public string? FirstName;
        public string? SecondName;
        public int FirstRank;
        public int SecondRank;
        public LoopLengths First;
        public LoopLengths Second;

        /// <summary>Whether they are the operands of a product (their inner lengths or ranks do not fit), not of element-wise work.</summary>
        public bool Product;
    }

    /// <summary>The exception for two operands whose shapes do not broadcast, naming both and both shapes.</summary>
    private static ArgumentException NotBroadcasting(in LoopShape first, string firstName, in LoopShape second, string secondName)
        => new(
            $"'{firstName}' {first} and '{secondName}' {second} meet element-wise but do not broadcast: along each axis, counted from the last, " +
            "their lengths must be equal or one of them 1. Pass tensors whose shapes broadcast.",
            Blamed(firstName, secondName));

    /// <summary>
    /// The name an exception about two operands gives as its parameter: the second operand where it is a name (a
    /// parameter or a local), else the first where it is one, else the first name an operand expression reads (not a
    /// function it calls), the second's before the first's.
    /// </summary>
    internal static string Blamed(string firstName, string secondName)
        => IsName(secondName) ? secondName : IsName(firstName) ? firstName : FirstNameIn(secondName) ?? FirstNameIn(firstName) ?? secondName;

    /// <summary>The first identifier <paramref name="text"/> reads that is not called (followed by <c>(</c>) or a member (after <c>.</c>).</summary>
    private static string? FirstNameIn(string text)
    {
        for (int i = 0; i < text.Length;)
        {
            if (!(char.IsLetter(text[i]) || text[i] == '_'))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            int next = i;
            while (next < text.Length && text[next] == ' ')
            {
                next++;
            }

            bool called = next < text.Length && text[next] == '(';
            bool member = start > 0 && text[start - 1] == '.';
            bool digitPart = start > 0 && char.IsDigit(text[start - 1]);
            if (!called && !member && !digitPart)
            {
                return text.Substring(start, i - start);
            }
        }

        return null;
    }

    private static bool IsName(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] is '_' or '@'))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '@'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether two shapes that may meet are one shape, computed when the method is called: the statement where they
    /// meet throws, with <see cref="Same"/>'s or <see cref="Keeps"/>'s exception, when it runs and they are not.
    /// </summary>
    public static bool Matches(in LoopShape first, in LoopShape second) => first.SameAs(second);

    /// <summary>
    /// The broadcast of two shapes by NumPy's rules (trailing axes aligned, a length of 1 stretched), or an
    /// <see cref="ArgumentException"/> naming both operands and both shapes.
    /// </summary>
    public static LoopShape Broadcast(in LoopShape first, string firstName, in LoopShape second, string secondName)
    {
        // An operand that is none keeps what made it none: the two operands below it that do not broadcast.
        first.ThrowFailure();
        second.ThrowFailure();
        int rank = Math.Max(first.Rank, second.Rank);
        var shape = new LoopShape { Rank = rank };
        long count = 1;
        for (int axis = 1; axis <= rank; axis++)
        {
            nint a = axis <= first.Rank ? first.lengths[first.Rank - axis] : 1;
            nint b = axis <= second.Rank ? second.lengths[second.Rank - axis] : 1;
            if (a != b && a != 1 && b != 1)
            {
                throw NotBroadcasting(first, firstName, second, secondName);
            }

            shape.lengths[rank - axis] = a == 1 ? b : a;
            count *= shape.lengths[rank - axis];
        }

        shape.Count = checked((int)count);
        return shape;
    }

    /// <summary>
    /// Requires <paramref name="value"/>, assigned to tensor local <paramref name="localName"/>, to have the local's shape:
    /// inside loops and branches a tensor local has one shape, that of its first assignment as written.
    /// </summary>
    public static void Keeps(in LoopShape held, string localName, in LoopShape value, string valueName)
    {
        if (!held.SameAs(value))
        {
            throw new ArgumentException(
                $"'{valueName}' is {value}, but it is assigned to '{localName}', whose shape is {held} (that of its first assignment as written): in a method with loops " +
                $"or branches a tensor local has one shape in every assignment that runs. Pass tensors whose shapes give {held} there, or use another local for a tensor of another shape.",
                valueName);
        }
    }

    /// <summary>
    /// Requires two shapes that do not broadcast against each other to be equal: the two sides of a conditional (one is
    /// picked whole), or the operands of <c>Dot</c> and <c>Mse</c>, which pair elements one to one.
    /// </summary>
    public static void Same(in LoopShape first, string firstName, in LoopShape second, string secondName)
    {
        if (!first.SameAs(second))
        {
            throw new ArgumentException(
                $"'{firstName}' {first} and '{secondName}' {second} must have the same shape in a method with loops or branches: a conditional picks one of them whole, " +
                "and Dot and Mse pair elements one to one. Pass tensors of the same shape.",
                secondName);
        }
    }

    private static bool BroadcastTogether(in LoopShape first, in LoopShape second)
    {
        for (int axis = 1; axis <= Math.Min(first.Rank, second.Rank); axis++)
        {
            nint a = first.lengths[first.Rank - axis];
            nint b = second.lengths[second.Rank - axis];
            if (a != b && a != 1 && b != 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Formats the lengths as <c>[3, 5]</c>.</summary>
    public override readonly string ToString()
    {
        Span<nint> lengths = stackalloc nint[this.Rank];
        for (int i = 0; i < this.Rank; i++)
        {
            lengths[i] = this.lengths[i];
        }

        return ShapeGuard.Format(lengths);
    }

    /// <summary>Length <paramref name="axis"/>.</summary>
    internal readonly nint Length(int axis) => this.lengths[axis];

    /// <summary>Copies the lengths to <paramref name="destination"/>, which has room for <see cref="Rank"/> of them.</summary>
    internal readonly void CopyLengths(Span<nint> destination)
    {
        for (int i = 0; i < this.Rank; i++)
        {
            destination[i] = this.lengths[i];
        }
    }

    private readonly bool SameAs(in LoopShape other)
    {
        if (this.Rank != other.Rank)
        {
            return false;
        }

        for (int i = 0; i < this.Rank; i++)
        {
            if (this.lengths[i] != other.lengths[i])
            {
                return false;
            }
        }

        return true;
    }

    [InlineArray(MaxRank)]
    private struct LoopLengths
    {
        private nint element;
    }
}

/// <summary>
/// Where element k of a loop over a broadcast shape is found in an operand of a smaller shape: the operand read with
/// stride 0 along the axes it is stretched over, never copied. Its axes that are not stretched fall in at most four runs
/// of adjacent axes (rank 8); each adds <c>(k / inner) % length * stride</c>.
/// </summary>
public readonly struct LoopIndex
{
    private readonly int runs;
    private readonly int inner0, length0, stride0;
    private readonly int inner1, length1, stride1;
    private readonly int inner2, length2, stride2;
    private readonly int inner3, length3, stride3;

    /// <summary>The index of an operand of shape <paramref name="operand"/> in a loop over <paramref name="loop"/>, which it broadcasts to.</summary>
    public LoopIndex(in LoopShape operand, in LoopShape loop)
    {
        if (operand.Count == loop.Count && operand.Rank <= loop.Rank)
        {
            // The same elements in the same order (a shape broadcasting to one of as many elements is that shape).
            this.runs = -1;
            return;
        }

        Span<int> runs = stackalloc int[12];
        int count = 0;
        long inner = 1;
        long stride = 1;
        bool open = false;
        for (int axis = 1; axis <= loop.Rank; axis++)
        {
            nint length = loop.Length(loop.Rank - axis);
            nint own = axis <= operand.Rank ? operand.Length(operand.Rank - axis) : 1;
            if (own != 1 && own != length)
            {
                // Not a broadcast of it: the statement that would read through this map throws first (LoopShape.Meet).
                this.runs = 0;
                return;
            }

            if (own == 1 || length == 1)
            {
                // Stretched (or of one element): it ends a run of kept axes.
                open = false;
            }
            else if (open)
            {
                runs[(3 * (count - 1)) + 1] *= (int)length;
            }
            else
            {
                runs[3 * count] = (int)inner;
                runs[(3 * count) + 1] = (int)length;
                runs[(3 * count) + 2] = (int)stride;
                count++;
                open = true;
            }

            inner *= length;
            stride *= own;
        }

        this.runs = count;
        (this.inner0, this.length0, this.stride0) = (runs[0], runs[1], runs[2]);
        (this.inner1, this.length1, this.stride1) = (runs[3], runs[4], runs[5]);
        (this.inner2, this.length2, this.stride2) = (runs[6], runs[7], runs[8]);
        (this.inner3, this.length3, this.stride3) = (runs[9], runs[10], runs[11]);
    }

    private LoopIndex(int inner0, int length0, int stride0, int inner1, int length1, int stride1)
    {
        this.runs = 2;
        (this.inner0, this.length0, this.stride0) = (inner0, length0, stride0);
        (this.inner1, this.length1, this.stride1) = (inner1, length1, stride1);
    }

    /// <summary>
    /// The index in matrix <paramref name="matrix"/> <c>[r, c]</c> of element k of its transpose <c>[c, r]</c>:
    /// <c>(k % r) * c + k / r</c>; none (index 0) when it is not a matrix, which the statement that reads it throws for first.
    /// </summary>
    public static LoopIndex Transposed(in LoopShape matrix)
    {
        if (!matrix.Broadcasts || matrix.Rank != 2 || matrix.Count == 0)
        {
            return default;
        }

        int rows = (int)matrix.Length(0);
        int columns = (int)matrix.Length(1);
        return new LoopIndex(1, rows, columns, rows, columns, 1);
    }

    /// <summary>Whether element k of the loop is element k of the operand for every k (the operand has the loop's elements, in order).</summary>
    public bool IsIdentity => this.runs < 0;

    /// <summary>The operand's row-major index of element <paramref name="k"/> of the loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int At(int k)
    {
        if (this.runs < 0)
        {
            return k;
        }

        return this.runs == 0 ? 0 : this.Runs(k);
    }

    private int Runs(int k)
    {
        int index = (k / this.inner0 % this.length0) * this.stride0;
        if (this.runs > 1)
        {
            index += (k / this.inner1 % this.length1) * this.stride1;
            if (this.runs > 2)
            {
                index += (k / this.inner2 % this.length2) * this.stride2;
                if (this.runs > 3)
                {
                    index += (k / this.inner3 % this.length3) * this.stride3;
                }
            }
        }

        return index;
    }
}
