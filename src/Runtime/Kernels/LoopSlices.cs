using System;

namespace SymGrad.Kernels;

/// <summary>
/// The shapes of slices read element by element in a method with loops or branches: a block <c>x[a..b, c..d]</c> of a
/// matrix parameter and a slice of a vector parameter, whose lengths are the same in every iteration (constants, int
/// parameters and sizes), worked out when the method is called. Their ranges are checked where they are read.
/// </summary>
public partial struct LoopShape
{
    /// <summary>
    /// The shape of <paramref name="rows"/> rows and <paramref name="columns"/> columns of matrix <paramref name="matrix"/>
    /// (parameter <paramref name="name"/>), read as <paramref name="slice"/>. An <see cref="ArgumentException"/> when the
    /// parameter is not a matrix.
    /// </summary>
    public static LoopShape Block(in LoopShape matrix, string name, long rows, long columns, string slice)
    {
        if (matrix.Rank != 2)
        {
            throw new ArgumentException(
                $"'{name}' is {matrix}, but {slice} slices it along two axes, which needs a matrix. Pass '{name}' as a [rows, columns] matrix.",
                name);
        }

        // A count outside the matrix throws where the block is read, as C#'s ranges do; until then it holds no elements.
        var shape = new LoopShape { Rank = 2 };
        shape.lengths[0] = (nint)Math.Clamp(rows, 0, matrix.lengths[0]);
        shape.lengths[1] = (nint)Math.Clamp(columns, 0, matrix.lengths[1]);
        shape.Count = checked((int)(shape.lengths[0] * shape.lengths[1]));
        return shape;
    }

    /// <summary>
    /// The shape of vector <paramref name="vector"/> (parameter <paramref name="name"/>) less <paramref name="dropped"/>
    /// elements, read as <paramref name="slice"/>. An <see cref="ArgumentException"/> when the parameter is not a vector.
    /// </summary>
    public static LoopShape VectorSlice(in LoopShape vector, string name, long dropped, string slice)
    {
        if (vector.Rank != 1)
        {
            throw new ArgumentException(
                $"'{name}' is {vector}, but {slice} slices it as a vector. Pass '{name}' as a vector.",
                name);
        }

        // A range outside the vector throws where the slice is read, as C#'s ranges do; until then it holds no elements.
        var shape = new LoopShape { Rank = 1 };
        shape.lengths[0] = (nint)Math.Clamp(vector.lengths[0] - dropped, 0, vector.lengths[0]);
        shape.Count = (int)shape.lengths[0];
        return shape;
    }
}
