using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Schedule;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Names in generated code: identifiers escaped where they are keywords, locals kept apart from the user's names.
/// </summary>
internal sealed partial class Emitter
{
    /// <summary>A tensor parameter inside the local function, where every tensor is a <c>ReadOnlyTensorSpan</c>.</summary>
    private string Span(int parameter) => Identifier(this.method.Parameters[parameter].Name);

    private static string Identifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A parameter's type as the user declared it, fully qualified, with the namespaces the file aliases named by their alias.</summary>
    private static string Aliased(string type)
        => type.Replace("global::System.Numerics.Tensors.", Tensors).Replace("global::SymGrad.Kernels.", Kernels);

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Local names in one generated method, kept apart from the user's parameter names.</summary>
    private sealed class Names
    {
        private readonly Emitter emitter;
        private readonly Graph graph;
        private readonly Dictionary<int, string> scalars = new();
        private readonly Dictionary<int, string> counts = new();
        private readonly Dictionary<Dim, string> dims = new();
        private readonly Dictionary<(int, int), string> strides = new();
        private readonly Dictionary<int, string> buffers = new();
        private readonly Dictionary<int, string> labels = new();
        private readonly HashSet<string> used;

        public Names(Emitter emitter, Graph graph)
        {
            this.emitter = emitter;
            this.graph = graph;
            this.used = new HashSet<string>(emitter.taken);
        }

        public string Fresh(string name)
        {
            while (!this.used.Add(name))
            {
                name += "_";
            }

            return name;
        }

        public string Count(int domain)
        {
            Domain flat = this.graph.Domains[domain];
            if (this.emitter.overLoop)
            {
                // Over a loop parameter, the loop's count: the broadcast shape's element count.
                return this.emitter.LoopName + ".Count";
            }

            if (this.emitter.spans && !flat.IsSlice && !flat.IsMatrix)
            {
                // A span's element count is its length.
                return this.emitter.Span(flat.Parameter) + ".Length";
            }

            if (!this.counts.TryGetValue(domain, out string? name))
            {
                Domain d = this.graph.Domains[domain];
                name = this.Fresh(this.emitter.method.Parameters[d.Parameter].Name + (d.IsRunTimeSlice ? "SliceCount" : "Count" + (d.IsSlice ? d.Trim.ToString(CultureInfo.InvariantCulture) : string.Empty)));
                this.counts[domain] = name;
            }

            return name;
        }

        /// <summary>The local holding a run-time dimension (declared by <c>ShapeGuard.Matrix</c>).</summary>
        public string Dim(Dim dim)
        {
            if (dim.IsOne)
            {
                return "1";
            }

            if (!this.dims.TryGetValue(dim, out string? name))
            {
                string what = dim.IsRunTimeSlice ? (dim.Axis == 0 ? "SliceRows" : "SliceColumns")
                    : !dim.IsReshape ? (dim.Axis == 0 ? "Rows" : "Columns") + (dim.Trim > 0 ? dim.Trim.ToString(CultureInfo.InvariantCulture) : string.Empty)
                    : dim.Reshape.Count == 1 ? "ReshapedLength" : dim.Axis == 0 ? "ReshapedRows" : "ReshapedColumns";
                name = this.Fresh(this.emitter.method.Parameters[dim.Parameter].Name + what);
                this.dims[dim] = name;
            }

            return name;
        }

        /// <summary>Declares the row-stride local of a parameter expanded into a matrix domain; false if already declared.</summary>
        public bool DeclareStride(int parameter, int domain, out string name)
        {
            if (this.strides.TryGetValue((parameter, domain), out name!))
            {
                return false;
            }

            name = this.Fresh(this.emitter.method.Parameters[parameter].Name + "Stride");
            this.strides[(parameter, domain)] = name;
            return true;
        }

        public string Stride(int parameter, int domain) => this.strides[(parameter, domain)];

        /// <summary>Declares the checked span of an int labels parameter; false if already declared.</summary>
        public bool DeclareLabels(int parameter, out string name)
        {
            if (this.labels.TryGetValue(parameter, out name!))
            {
                return false;
            }

            name = this.Fresh(this.emitter.method.Parameters[parameter].Name + "Checked");
            this.labels[parameter] = name;
            return true;
        }

        public string Labels(int parameter) => this.labels[parameter];

        public string Buffer(int node)
        {
            if (!this.buffers.TryGetValue(node, out string? name))
            {
                name = this.Fresh("buffer" + node.ToString(CultureInfo.InvariantCulture));
                this.buffers[node] = name;
            }

            return name;
        }

        /// <summary>The element count of a domain, as host code.</summary>
        public string Size(int domain)
        {
            Domain d = this.graph.Domains[domain];
            return d.IsMatrix ? this.Dim(d.Rows!) + " * " + this.Dim(d.Columns!) : this.Count(domain);
        }

        /// <summary>The scalar locals declared so far, by node: what a long comment names instead of repeating.</summary>
        public IReadOnlyDictionary<int, string> Locals => this.scalars;

        public string Declare(int id)
        {
            string name = this.Fresh("s" + id.ToString(CultureInfo.InvariantCulture));
            this.scalars[id] = name;
            return name;
        }

        /// <summary>How host code refers to scalar node <paramref name="id"/>: its local, or a leaf written in place.</summary>
        public string Scalar(int id)
        {
            if (this.scalars.TryGetValue(id, out string? name))
            {
                return name;
            }

            Node node = this.graph[id];
            return node.Op switch
            {
                Op.Count => "(" + node.Type.Keyword(this.emitter.method.Element) + ")(" + this.Size(node.Parameter) + ")",
                Op.Length when node.Bits < 0 => Identifier(this.emitter.method.Parameters[node.Parameter].Name) + ".Rank",
                Op.Length => "(" + node.Type.Keyword(this.emitter.method.Element) + ")" + (this.emitter.method.IsMatrixParameter(node.Parameter) && this.emitter.method.VectorOperandOf(node.Parameter) is null
                    ? this.Dim(new Dim(node.Parameter, (int)node.Bits))
                    : Identifier(this.emitter.method.Parameters[node.Parameter].Name) + ".Lengths[" + node.Bits.ToString(CultureInfo.InvariantCulture) + "]"),
                Op.Constant or Op.Parameter => this.emitter.ScalarExpression(this.graph, id, this.Scalar),
                _ => throw OpFacts.Unexpected(node.Op),
            };
        }
    }
}
