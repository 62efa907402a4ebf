using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emit;

/// <summary>The checks of <c>Reshape(x, lengths...)</c>: its lengths worked out (a -1 inferred) and its element count matched.</summary>
internal sealed partial class Emitter
{
    /// <summary>
    /// Declares the lengths of each reshape the graph or a dimension check names, in the order first met, each checked
    /// against the element count of the parameter it reshapes before anything is computed.
    /// </summary>
    private void WriteReshapeChecks(CodeWriter w, Graph graph, Names names)
    {
        var reshapes = new List<(int Parameter, EquatableArray<ExtentTerm> Lengths)>();
        void Note(Dim? dim)
        {
            if (dim is { IsReshape: true } && !reshapes.Contains((dim.Parameter, dim.Reshape)))
            {
                reshapes.Add((dim.Parameter, dim.Reshape));
            }
        }

        foreach (Domain domain in graph.Domains)
        {
            Note(domain.Rows);
            Note(domain.Columns);
        }

        foreach (DimCheck check in this.method.DimChecks)
        {
            Note(check.First);
            Note(check.Second);
        }

        foreach ((int parameter, EquatableArray<ExtentTerm> lengths) in reshapes)
        {
            if (this.RankThreeFoldAxis(parameter, lengths) is { } foldAxis)
            {
                this.WriteRankThreeFold(w, names, parameter, lengths, foldAxis);
                continue;
            }

            var dim = new Dim(parameter, 0, Reshape: lengths);
            string call = Printer.ReshapeCall(dim, p => this.method.Parameters[p].Name);
            var arguments = new List<string>();
            var outputs = new List<string>();
            for (int axis = 0; axis < lengths.Count; axis++)
            {
                arguments.Add(lengths[axis].Parameter < 0 ? Printer.ReshapeLength(lengths[axis], _ => string.Empty) : "(nint)" + Printer.ReshapeLength(lengths[axis], p => Identifier(this.method.Parameters[p].Name)));

                // A length of 1 written as a constant is the matrix's size-1 dimension, not a run-time one.
                bool one = lengths.Count == 2 && lengths[axis] is { Parameter: < 0, Coefficient: 1 };
                outputs.Add(one ? "out _" : "out nint " + names.Dim(dim with { Axis = axis }));
            }

            w.Line(Kernels + "ShapeGuard.Reshape(" + this.Span(parameter) + ", \"" + this.method.Parameters[parameter].Name + "\", " + SymbolDisplay.FormatLiteral(call, quote: true) + ", "
                + string.Join(", ", arguments.Concat(outputs)) + ");");
        }
    }

    /// <summary>What a dimension check names: the parameter, or the reshape a dimension is a length of.</summary>
    private string DimOwner(Dim dim) => dim.IsReshape ? Printer.ReshapeCall(dim, p => this.method.Parameters[p].Name) : this.method.Parameters[dim.Parameter].Name;
}
