using System.Collections.Generic;
using System.Globalization;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Emit;

/// <summary>
/// The run-time shapes of a method with loops or branches whose tensors of different shapes meet element-wise: each
/// shape, broadcast and index map of <see cref="StructuredBody.Shapes"/> is a local computed with the argument checks,
/// before anything else, so shapes that do not broadcast throw before anything is written.
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
                string stem = this.body.Shapes[entry].Kind == LoopShapeKind.Index ? "broadcastIndex" : "broadcastShape";
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
            w.Line("// a smaller operand at the index a map gives (stride 0 along the axes it is stretched over).");
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
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".Broadcast(" + this.LoopShapeName(shape.First) + ", " + Quoted(shape.FirstText) + ", " + this.LoopShapeName(shape.Second) + ", " + Quoted(shape.SecondText) + ");");
                        break;
                    case LoopShapeKind.Same:
                        w.Line(shapeType + ".Same(" + this.LoopShapeName(shape.First) + ", " + Quoted(shape.FirstText) + ", " + this.LoopShapeName(shape.Second) + ", " + Quoted(shape.SecondText) + ");");
                        break;
                    case LoopShapeKind.Keeps:
                        w.Line(shapeType + ".Keeps(" + this.LoopShapeName(shape.First) + ", " + Quoted(shape.FirstText) + ", " + this.LoopShapeName(shape.Second) + ", " + Quoted(shape.SecondText) + ");");
                        break;
                    case LoopShapeKind.Product:
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".Product(" + this.LoopShapeName(shape.First) + ", " + Quoted(shape.FirstText) + ", " + this.LoopShapeName(shape.Second) + ", " + Quoted(shape.SecondText) + ");");
                        break;
                    case LoopShapeKind.Rows:
                        w.Line(shapeType + " " + this.LoopShapeName(entry) + " = " + shapeType + ".Rows(" + this.LoopShapeName(shape.First) + ", " + Quoted(parameters[shape.Parameter].Name) + ", " + this.RowCount(shape) + ", " + Quoted(shape.FirstText) + ");");
                        break;
                    default:
                        w.Line(Kernels + "LoopIndex " + this.LoopShapeName(entry) + " = new " + Kernels + "LoopIndex(" + this.LoopShapeName(shape.First) + ", " + this.LoopShapeName(shape.Second) + ");");
                        break;
                }
            }
        }

        private static string Quoted(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);
    }
}
