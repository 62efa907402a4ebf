using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Emit;

/// <summary>
/// The run-time shapes of a method with loops or branches whose tensors of different shapes meet element-wise: each
/// shape, broadcast and index map of <see cref="StructuredBody.Shapes"/> is a local computed with the argument checks,
/// before anything else, and each check whether two shapes broadcast or are one is a bool computed then. Nothing throws
/// there: each <see cref="ShapeTest"/> throws where its statement runs, as C# throws there, in the forward sweep.
/// </summary>
internal sealed partial class Emitter
{
    private sealed partial class StructuredWriter
    {
        private readonly Dictionary<int, string> loopShapeNames = new();

        /// <summary>The local that holds entry <paramref name="entry"/> of the body's run-time shapes.</summary>
        private string LoopShapeName(int entry)
        {
            if (!this.loopShapeNames.TryGetValue(entry, out string? name))
            {
                string stem = this.body.Shapes[entry].Kind switch
                {
                    LoopShapeKind.Index => "broadcastIndex",
                    LoopShapeKind.TransposeIndex => "transposeIndex",
                    LoopShapeKind.Same or LoopShapeKind.Keeps => "sameShape",
                    _ => "broadcastShape",
                };
                name = this.Fresh(stem + entry.ToString(CultureInfo.InvariantCulture));
                this.loopShapeNames[entry] = name;
            }

            return name;
        }

        private void WriteLoopShapes(CodeWriter w)
        {
            if (this.body.Shapes.Count == 0)
            {
                return;
            }

            w.Line("// Tensors of different shapes meet element-wise: each loop over elements runs over their broadcast shape, and reads");
            w.Line("// a smaller operand at the index a map gives (stride 0 along the axes it is stretched over). Shapes that do not");
            w.Line("// broadcast, or that must be one and are not, throw where the statement that meets them runs.");
            var parameters = this.emitter.method.Parameters;
            for (int entry = 0; entry < this.body.Shapes.Count; entry++)
            {
                LoopShape shape = this.body.Shapes[entry];
                string shapeType = Kernels + "LoopShape";
                switch (shape.Kind)
                {
                    case LoopShapeKind.Parameter:
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".Of(" + Identifier(parameters[shape.Parameter].Name) + ", " + Quoted(parameters[shape.Parameter].Name) + ");");
                        break;
                    case LoopShapeKind.Broadcast:
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".Meet(" + this.LoopShapeName(shape.First) + ", " + Quoted(shape.FirstText) + ", " + this.LoopShapeName(shape.Second) + ", " + Quoted(shape.SecondText) + ");");
                        break;
                    case LoopShapeKind.Same or LoopShapeKind.Keeps:
                        w.Line("bool " + this.LoopShapeName(entry) + " = " + shapeType + ".Matches(" + this.LoopShapeName(shape.First) + ", " + this.LoopShapeName(shape.Second) + ");");
                        break;
                    case LoopShapeKind.Product:
                        // Operands whose inner lengths differ make a shape that is none: the product's statement throws when it runs.
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".ProductOf(" + this.LoopShapeName(shape.First) + ", " + Quoted(shape.FirstText) + ", " + this.LoopShapeName(shape.Second) + ", " + Quoted(shape.SecondText) + ");");
                        break;
                    case LoopShapeKind.Rows:
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".Rows(" + this.LoopShapeName(shape.First) + ", " + Quoted(parameters[shape.Parameter].Name) + ", " + this.RowCount(shape) + ", " + Quoted(shape.FirstText) + ");");
                        break;
                    case LoopShapeKind.Block:
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".Block(" + this.LoopShapeName(shape.First) + ", " + Quoted(parameters[shape.Parameter].Name) + ", "
                            + this.Extent(shape.Rows, shape.Terms, anyRank: true) + ", " + this.Extent(shape.Columns, shape.ColumnTerms, anyRank: true) + ", " + Quoted(shape.FirstText) + ");");
                        break;
                    case LoopShapeKind.VectorSlice:
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".VectorSlice(" + this.LoopShapeName(shape.First) + ", " + Quoted(parameters[shape.Parameter].Name) + ", " + this.Extent(shape.Rows, shape.Terms, anyRank: true) + ", " + Quoted(shape.FirstText) + ");");
                        break;
                    case LoopShapeKind.TransposeIndex:
                        w.Line(Kernels + "LoopIndex " + this.LoopShapeName(entry) + " = " + Kernels + "LoopIndex.Transposed(" + this.LoopShapeName(shape.First) + ");");
                        break;
                    case LoopShapeKind.Axis:
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".Axis(" + this.LoopShapeName(shape.First) + ", " + Quoted(shape.FirstText) + ", "
                            + shape.Axis.ToString(CultureInfo.InvariantCulture) + ", " + (shape.KeepDims ? "true" : "false") + ", " + (shape.Function is "Softmax" or "LogSoftmax" ? "true" : "false") + ", " + Quoted(shape.SecondText) + ");");
                        break;
                    case LoopShapeKind.Reshape:
                        // Lengths that do not fit make a shape that is none: the reshape's statement throws when it runs.
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".ReshapeOf(" + this.LoopShapeName(shape.First) + ", stackalloc nint[] { " + this.ReshapeLengths(shape, guarded: true) + " });");
                        break;
                    case LoopShapeKind.Transpose:
                        // An operand that is not a matrix makes a shape that is none: the product's statement throws when it runs.
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".TransposeOf(" + this.LoopShapeName(shape.First) + ");");
                        break;
                    default:
                        w.Line(Kernels + "LoopIndex " + this.LoopShapeName(entry) + " = new " + Kernels + "LoopIndex(" + this.LoopShapeName(shape.First) + ", " + this.LoopShapeName(shape.Second) + ");");
                        break;
                }
            }
        }

        /// <summary>
        /// The check of entry <paramref name="entry"/> where its statement runs: one test of what was worked out when the
        /// method was called, and the exception naming both operands and both shapes when it fails.
        /// </summary>
        private void WriteShapeTest(CodeWriter w, int entry)
        {
            LoopShape shape = this.body.Shapes[entry];
            if (shape.Kind == LoopShapeKind.Transpose)
            {
                w.Line("if (!" + this.LoopShapeName(entry) + ".Broadcasts) " + Kernels + "LoopShape.Transpose(" + this.LoopShapeName(shape.First) + ", " + Quoted(shape.FirstText) + ", " + Quoted(shape.SecondText) + "); // a transpose of what is not a matrix: throws");
                return;
            }

            if (shape.Kind == LoopShapeKind.Reshape)
            {
                w.Line("if (!" + this.LoopShapeName(entry) + ".Broadcasts) " + Kernels + "LoopShape.Reshape(" + this.LoopShapeName(shape.First) + ", new nint[] { " + this.ReshapeLengths(shape, guarded: false) + " }, " + Quoted(shape.FirstText) + "); // lengths that do not fit: throws");
                return;
            }

            string operands = "(" + this.LoopShapeName(shape.First) + ", " + Quoted(shape.FirstText) + ", " + this.LoopShapeName(shape.Second) + ", " + Quoted(shape.SecondText) + ");";
            string shapes = Kernels + "LoopShape.";
            switch (shape.Kind)
            {
                case LoopShapeKind.Broadcast:
                    w.Line("if (!" + this.LoopShapeName(entry) + ".Broadcasts) _ = " + shapes + "Broadcast" + operands + " // shapes that do not broadcast: throws");
                    break;
                case LoopShapeKind.Same:
                    w.Line("if (!" + this.LoopShapeName(entry) + ") " + shapes + "Same" + operands + " // two shapes that must be one: throws");
                    break;
                case LoopShapeKind.Keeps:
                    w.Line("if (!" + this.LoopShapeName(entry) + ") " + shapes + "Keeps" + operands + " // a tensor local given another shape: throws");
                    break;
                case LoopShapeKind.Product:
                    w.Line("if (!" + this.LoopShapeName(entry) + ".Broadcasts) _ = " + shapes + "Product" + operands + " // operands whose inner lengths differ: throws");
                    break;
            }
        }

        /// <summary>
        /// A reshape's lengths as written: constants, int parameters and sizes. <paramref name="guarded"/>: when the method
        /// is called, a size of an axis the tensor does not have is -2, which makes the shape none, and the reshape's
        /// statement reads it, and throws as C# throws, when it runs.
        /// </summary>
        private string ReshapeLengths(LoopShape shape, bool guarded)
        {
            var parameters = this.emitter.method.Parameters;
            return string.Join(", ", shape.Terms.Select(term =>
            {
                string number = term.Coefficient.ToString(CultureInfo.InvariantCulture);
                if (term.Parameter < 0)
                {
                    return "(nint)(" + number + ")";
                }

                string name = Identifier(parameters[term.Parameter].Name);
                if (term.Axis < 0)
                {
                    return "(nint)(" + name + ")";
                }

                string axis = term.Axis.ToString(CultureInfo.InvariantCulture);
                return guarded ? "(" + name + ".Rank > " + axis + " ? " + name + ".Lengths[" + axis + "] : -2)" : name + ".Lengths[" + axis + "]";
            }));
        }

        private static string Quoted(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);
    }
}
