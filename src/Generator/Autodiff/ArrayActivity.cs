using SymGrad.Generator.IR;

namespace SymGrad.Generator.Autodiff;

/// <summary>
/// Which local arrays carry a derivative: an array is active once any element write stores an active value in it, and
/// its element reads are then active. The reverse sweep of an <see cref="ArrayStore"/> restores the element it
/// overwrote and moves the element's adjoint to the value written; that of an <see cref="ArrayReset"/> restores the
/// array that was there before it.
/// </summary>
internal static class ArrayActivity
{
    /// <summary>Activates each array slot written an active value in <paramref name="region"/>; whether any changed.</summary>
    public static bool Propagate(Region region, bool[] active)
    {
        switch (region)
        {
            case ArrayStore store:
                bool changed = false;
                foreach (int value in store.Values)
                {
                    if (active[value] && !active[store.Array])
                    {
                        active[store.Array] = true;
                        changed = true;
                    }
                }

                return changed;
            case MatrixProduct product:
                // The product carries a derivative when an operand does: an active array or a differentiable parameter.
                bool operands = Active(product.Left, active) || Active(product.Right, active);
                if (operands && !active[product.Result])
                {
                    active[product.Result] = true;
                    return true;
                }

                return false;
            case AxisPass pass:
                if ((Active(pass.Operand, active) || (pass.Second is { } second && Active(second, active))) && !active[pass.Result])
                {
                    active[pass.Result] = true;
                    return true;
                }

                return false;
            case Sequence sequence:
                bool any = false;
                foreach (Region part in sequence.Parts)
                {
                    any |= Propagate(part, active);
                }

                return any;
            case Branch branch:
                return Propagate(branch.Then, active) | Propagate(branch.Else, active);
            case Guard guard:
                return Propagate(guard.Body, active);
            case Exit exit:
                return Propagate(exit.Body, active);
            case Loop loop:
                return Propagate(loop.Body, active) | (loop.Step is { } step && Propagate(step, active));
            default:
                return false;
        }
    }

    private static bool Active(ProductOperand operand, bool[] active) => operand.Array >= 0 ? active[operand.Array] : active[operand.Parameter];
}
