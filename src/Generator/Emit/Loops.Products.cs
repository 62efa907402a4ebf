using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Matrix products in a method with loops or branches (see <see cref="MatrixProduct"/>): the forward sweep writes each
/// product into its array on the runtime's matrix kernels, reading its operands in place (a block of a parameter's rows
/// at its offset, its range checked there); the reverse sweep adds <c>C̄·Bᵀ</c> and <c>Aᵀ·C̄</c> into the operands'
/// adjoints, a row block's into its rows of the parameter's gradient, with the same kernels.
/// </summary>
internal sealed partial class Emitter
{
    private sealed partial class StructuredWriter
    {
        // The elements of each tensor parameter a product reads, by parameter.
        private readonly Dictionary<int, string> productElements = new();

        /// <summary>Declares the elements of each tensor parameter a product reads, as a read-only span.</summary>
        private void DeclareProductElements(CodeWriter w)
        {
            var parameters = this.emitter.method.Parameters;
            var read = new SortedSet<int>();
            foreach (MatrixProduct product in Products(this.body.Body))
            {
                foreach (ProductOperand operand in new[] { product.Left, product.Right })
                {
                    if (operand.Array < 0)
                    {
                        read.Add(operand.Parameter);
                    }
                }
            }

            foreach (AxisPass pass in AxisPasses(this.body.Body))
            {
                if (pass.Operand.Array < 0)
                {
                    read.Add(pass.Operand.Parameter);
                }

                if (pass.Second is { Array: < 0 } second)
                {
                    read.Add(second.Parameter);
                }
            }

            foreach (int p in read)
            {
                string elements = this.Fresh(parameters[p].Name + "Elements");
                this.productElements[p] = elements;
                w.Line("global::System.ReadOnlySpan<" + this.emitter.t + "> " + elements + " = " + Kernels + "ShapeGuard.Elements(" + Identifier(parameters[p].Name) + ", " + Quoted(parameters[p].Name) + ");");
            }
        }

        private static IEnumerable<MatrixProduct> Products(Region region) => region switch
        {
            MatrixProduct product => new[] { product },
            Sequence sequence => sequence.Parts.SelectMany(Products),
            Branch branch => Products(branch.Then).Concat(Products(branch.Else)),
            Guard guard => Products(guard.Body),
            Exit exit => Products(exit.Body),
            Loop loop => Products(loop.Body).Concat(loop.Step is { } step ? Products(step) : Enumerable.Empty<MatrixProduct>()),
            _ => Enumerable.Empty<MatrixProduct>(),
        };

        /// <summary>The row count of a block of rows, as the method computes it when it is called: constants, int parameters and sizes.</summary>
        private string RowCount(LoopShape shape) => this.Extent(shape.Rows, shape.Terms);

        /// <summary>A count as the method computes it when it is called: <paramref name="constant"/> plus <paramref name="terms"/> (int parameters and sizes).</summary>
        /// <remarks>
        /// With <paramref name="anyRank"/>, a length of an axis a parameter does not have reads as 0, so that the shape of
        /// a slice of a parameter of another rank is worked out without an index error (the shape's own check names it).
        /// </remarks>
        private string Extent(long constant, EquatableArray<ExtentTerm> terms, bool anyRank = false)
        {
            var parameters = this.emitter.method.Parameters;
            string count = constant.ToString(CultureInfo.InvariantCulture) + "L";
            foreach (ExtentTerm term in terms)
            {
                string name = Identifier(parameters[term.Parameter].Name);
                string atom = term.Axis switch
                {
                    -1 => "(long)" + name,
                    ExtentTerm.FlattenedLength => "(long)" + name + ".FlattenedLength",
                    _ when anyRank => "(" + name + ".Rank > " + term.Axis.ToString(CultureInfo.InvariantCulture) + " ? (long)" + name + ".Lengths[" + term.Axis.ToString(CultureInfo.InvariantCulture) + "] : 0L)",
                    _ => "(long)" + name + ".Lengths[" + term.Axis.ToString(CultureInfo.InvariantCulture) + "]",
                };
                if (term.Divisor != 1)
                {
                    atom = "(" + atom + " / " + term.Divisor.ToString(CultureInfo.InvariantCulture) + "L)";
                }

                count += " + (" + term.Coefficient.ToString(CultureInfo.InvariantCulture) + "L * " + atom + ")";
            }

            return count;
        }

        private void ForwardProduct(CodeWriter w, MatrixProduct product)
        {
            string result = this.slotNames[product.Result];
            w.Line("// " + result + " = " + product.Text + ", on the matrix kernels (operands read in place)");
            string? leftRows = this.RowOffset(w, product.Left);
            string? rightRows = this.RowOffset(w, product.Right);
            w.Line(Kernels + "LoopProducts.Multiply<" + this.emitter.t + ">(" + this.OperandElements(product.Left, this.ProductValues(product.Left), leftRows) + ", " + this.LoopShapeName(product.Left.Shape) + Flag(product, product.Left)
                + this.OperandElements(product.Right, this.ProductValues(product.Right), rightRows) + ", " + this.LoopShapeName(product.Right.Shape) + Flag(product, product.Right) + result + ");");
        }

        private void ReverseProduct(CodeWriter w, MatrixProduct product)
        {
            string? leftAdjoint = this.ProductAdjoint(product.Left);
            string? rightAdjoint = this.ProductAdjoint(product.Right);
            if (!this.HasAdjoints(product.Result) || (leftAdjoint is null && rightAdjoint is null))
            {
                return;
            }

            w.Line("// " + this.slotNames[product.Result] + " = " + product.Text + ", backwards: C̄·Bᵀ added to the left operand's adjoint, Aᵀ·C̄ to the right one's");
            string? leftRows = this.RowOffset(w, product.Left);
            string? rightRows = this.RowOffset(w, product.Right);
            w.Line(Kernels + "LoopProducts.AddAdjoints<" + this.emitter.t + ">("
                + this.OperandElements(product.Left, this.ProductValues(product.Left), leftRows) + ", " + this.LoopShapeName(product.Left.Shape) + Flag(product, product.Left)
                + this.OperandElements(product.Right, this.ProductValues(product.Right), rightRows) + ", " + this.LoopShapeName(product.Right.Shape) + Flag(product, product.Right)
                + this.adjointNames[product.Result] + ", "
                + (leftAdjoint is null ? "default" : this.OperandElements(product.Left, leftAdjoint, leftRows)) + ", "
                + (rightAdjoint is null ? "default" : this.OperandElements(product.Right, rightAdjoint, rightRows)) + ");");
        }

        /// <summary>The separator after an operand's shape: with its transpose flag where either operand of the product is read transposed.</summary>
        private static string Flag(MatrixProduct product, ProductOperand operand)
            => product.Left.Transposed || product.Right.Transposed ? (operand.Transposed ? ", true, " : ", false, ") : ", ";

        /// <summary>The elements an operand is read from: its array, or its parameter's.</summary>
        private string ProductValues(ProductOperand operand) => operand.Array >= 0 ? this.slotNames[operand.Array] : this.productElements[operand.Parameter];

        /// <summary>The adjoint elements of an operand: its array's adjoints, or its parameter's gradient; null without a derivative.</summary>
        private string? ProductAdjoint(ProductOperand operand)
        {
            if (operand.Array >= 0)
            {
                return this.HasAdjoints(operand.Array) ? this.adjointNames[operand.Array] : null;
            }

            return this.gradientElements.TryGetValue(operand.Parameter, out string? gradient) ? gradient : null;
        }

        /// <summary>Writes the check of a block of rows' range and returns the local that holds its offset; null for an operand read whole.</summary>
        private string? RowOffset(CodeWriter w, ProductOperand operand)
        {
            if (!operand.IsRowBlock)
            {
                return null;
            }

            string offset = this.Fresh("rowOffset");
            w.Line("int " + offset + " = " + Kernels + "LoopProducts.RowOffset(" + this.LoopShapeName(this.body.Shapes[operand.Shape].First) + ", " + this.LoopShapeName(operand.Shape) + ", "
                + Quoted(this.emitter.method.Parameters[operand.Parameter].Name) + ", " + this.slotNames[operand.Start] + ", " + this.slotNames[operand.End] + ", " + Quoted(operand.Text) + ");");
            return offset;
        }

        /// <summary>An operand's part of <paramref name="elements"/>: all of them, or its block of rows from <paramref name="offset"/>.</summary>
        private string OperandElements(ProductOperand operand, string elements, string? offset)
            => offset is null ? elements : elements + ".Slice(" + offset + ", " + this.LoopShapeName(operand.Shape) + ".Count)";
    }
}
