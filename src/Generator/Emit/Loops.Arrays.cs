using System.Collections.Generic;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Emit;

/// <summary>
/// Local arrays in the methods of a [Differentiable] method with loops and branches: each is a span over a buffer
/// rented from the pool where the method first creates it and returned when the call ends. The gradient method keeps
/// on the tape each element a write overwrites and each array a creation replaces, and gives an active array a span of
/// adjoints beside it.
/// </summary>
internal sealed partial class Emitter
{
    private const string LocalArrays = Kernels + "LocalArrays";

    private sealed partial class StructuredWriter
    {
        private readonly Dictionary<int, string> arrayBuffers = new();
        private readonly Dictionary<int, string> adjointBuffers = new();

        // Arrays created once per call with a small length known at compile time: on the stack, nothing rented.
        private readonly Dictionary<int, string> stackBuffers = new();
        private readonly Dictionary<int, string> adjointStackBuffers = new();

        private bool HasAdjoints(int array) => this.gradients && this.body.Slots[array].Active;

        private void DeclareArray(CodeWriter w, int array)
        {
            string type = this.body.Slots[array].Type.Keyword(this.Element);
            if (this.StackLength(array) is { } stackLength)
            {
                string elements = stackLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
                this.stackBuffers[array] = this.Fresh(this.body.Slots[array].Name + "Stack");
                w.Line("scoped global::System.Span<" + type + "> " + this.slotNames[array] + " = default;");
                w.Line("global::System.Span<" + type + "> " + this.stackBuffers[array] + " = stackalloc " + type + "[" + elements + "];");
                if (this.HasAdjoints(array))
                {
                    this.adjointStackBuffers[array] = this.Fresh(this.body.Slots[array].Name + "AdjointStack");
                    this.gradientElements[array] = this.adjointNames[array];
                    w.Line("scoped global::System.Span<" + type + "> " + this.adjointNames[array] + " = default;");
                    w.Line("global::System.Span<" + type + "> " + this.adjointStackBuffers[array] + " = stackalloc " + type + "[" + elements + "];");
                }

                return;
            }

            this.arrayBuffers[array] = this.Fresh(this.body.Slots[array].Name + "Buffer");
            w.Line("global::System.Span<" + type + "> " + this.slotNames[array] + " = default;");
            w.Line(type + "[]? " + this.arrayBuffers[array] + " = null;");
            if (this.HasAdjoints(array))
            {
                this.adjointBuffers[array] = this.Fresh(this.body.Slots[array].Name + "AdjointBuffer");
                this.gradientElements[array] = this.adjointNames[array];
                w.Line("global::System.Span<" + type + "> " + this.adjointNames[array] + " = default;");
                w.Line(type + "[]? " + this.adjointBuffers[array] + " = null;");
            }
        }

        /// <summary>Opens the <c>try</c> whose <c>finally</c> returns the arrays' buffers; false if the method has no arrays.</summary>
        private bool OpenArrays(CodeWriter w)
        {
            if (this.arrayBuffers.Count == 0)
            {
                return false;
            }

            w.Open("try");
            return true;
        }

        private void CloseArrays(CodeWriter w, bool arrays)
        {
            if (!arrays)
            {
                return;
            }

            w.Close();
            w.Open("finally");
            this.ReturnArrays(w);
            w.Close();
        }

        private void ReturnArrays(CodeWriter w)
        {
            foreach (KeyValuePair<int, string> buffer in this.arrayBuffers)
            {
                w.Line(LocalArrays + ".Return(" + buffer.Value + ");");
            }

            foreach (KeyValuePair<int, string> buffer in this.adjointBuffers)
            {
                w.Line(LocalArrays + ".Return(" + buffer.Value + ");");
            }
        }

        private void ForwardReset(CodeWriter w, ArrayReset reset)
        {
            int array = reset.Array;
            string name = this.slotNames[array];
            string length = this.slotNames[this.body.Slots[array].Length];
            w.Line("// " + name + " = " + OneLine(reset.Text) + ": " + length + " zeroes, a new array each time it runs");
            if (this.gradients && !this.createdOnce.Contains(array))
            {
                // The array it replaces (none the first time) comes back in the reverse sweep, its elements only if an
                // adjoint reads them.
                if (this.restored[array])
                {
                    string element = this.Fresh("element");
                    w.Line("foreach (" + this.body.Slots[array].Type.Keyword(this.Element) + " " + element + " in " + name + ") " + this.PushElement(array, element));
                }

                w.Line(this.tape + ".PushInteger(" + name + ".Length);");
            }

            if (this.stackBuffers.TryGetValue(array, out string? stack))
            {
                w.Line(name + " = " + stack + ".Slice(0, " + length + ");");
                w.Line(name + ".Clear();");
                if (this.HasAdjoints(array))
                {
                    w.Line(this.adjointNames[array] + " = " + this.adjointStackBuffers[array] + ".Slice(0, " + length + ");");
                    w.Line(this.adjointNames[array] + ".Clear();");
                }

                return;
            }

            w.Line(name + " = " + LocalArrays + ".Create(ref " + this.arrayBuffers[array] + ", " + length + ");");
            if (this.HasAdjoints(array))
            {
                w.Line(this.adjointNames[array] + " = " + LocalArrays + ".Create(ref " + this.adjointBuffers[array] + ", " + length + ");");
            }
        }

        private long? StackLength(int array) => Schedule.ArrayCosts.StackLength(this.body, array, this.createdOnce);

        private void ReverseReset(CodeWriter w, ArrayReset reset)
        {
            int array = reset.Array;
            string name = this.slotNames[array];
            if (this.createdOnce.Contains(array))
            {
                w.Line("// " + name + " = " + OneLine(reset.Text) + ", backwards: created once per call, it replaced no array");
                w.Line(name + " = default;");
                if (this.HasAdjoints(array))
                {
                    w.Line(this.adjointNames[array] + " = default;");
                }

                return;
            }

            string length = this.Fresh("length");
            string k = this.Fresh("k");
            w.Line("// " + name + " = " + OneLine(reset.Text) + ", backwards: the array it replaced comes back, with no adjoint yet");
            w.Line("int " + length + " = (int)" + this.tape + ".PopInteger();");
            w.Line(name + " = " + LocalArrays + ".Restore(" + this.arrayBuffers[array] + ", " + length + ");");
            if (this.restored[array])
            {
                w.Line("for (int " + k + " = " + length + " - 1; " + k + " >= 0; " + k + "--) " + this.PopElement(array, name + "[" + k + "]"));
            }
            if (this.HasAdjoints(array))
            {
                w.Line(this.adjointNames[array] + " = " + LocalArrays + ".Restore(" + this.adjointBuffers[array] + ", " + length + ");");
                w.Line(this.adjointNames[array] + ".Clear();");
            }
        }

        private void ForwardStore(CodeWriter w, ArrayStore store)
        {
            string name = this.slotNames[store.Array];
            bool keeps = this.gradients && this.restored[store.Array];
            w.Line("// " + OneLine(store.Text) + (keeps ? ", keeping the element it overwrites" : string.Empty));
            for (int i = 0; i < store.Indexes.Count; i++)
            {
                string element = name + "[" + this.slotNames[store.Indexes[i]] + "]";
                if (keeps)
                {
                    w.Line(this.PushElement(store.Array, element));
                }

                w.Line(element + " = " + this.slotNames[store.Values[i]] + ";");
            }
        }

        private void ReverseStore(CodeWriter w, ArrayStore store)
        {
            string name = this.slotNames[store.Array];
            bool keeps = this.restored[store.Array];
            w.Line("// " + OneLine(store.Text) + ", backwards: " + (keeps ? "the overwritten element comes back, and its" : "no adjoint reads the array's elements; the element's") + " adjoint goes to the value written");

            // Each index: its local, or computed again from the locals it was computed from.
            var positions = new string[store.Indexes.Count];
            Computation?[]? again = this.indexes.TryGetValue(store, out Computation?[]? computed) ? computed : null;
            for (int i = 0; i < store.Indexes.Count; i++)
            {
                positions[i] = again?[i] is { } index ? this.Compute(w, index, exceptRoots: false)(index.Roots[0]) : this.slotNames[store.Indexes[i]];
            }

            for (int i = store.Indexes.Count - 1; keeps && i >= 0; i--)
            {
                w.Line(this.PopElement(store.Array, name + "[" + positions[i] + "]"));
            }

            if (!this.HasAdjoints(store.Array))
            {
                return;
            }

            string adjoints = this.adjointNames[store.Array];
            for (int i = store.Indexes.Count - 1; i >= 0; i--)
            {
                string element = adjoints + "[" + positions[i] + "]";
                if (this.body.Slots[store.Values[i]].Active)
                {
                    w.Line(this.adjointNames[store.Values[i]] + " = " + element + ";");
                }

                w.Line(element + " = " + this.body.Slots[store.Array].Type.Literal(this.Element, 0, 0) + ";");
            }
        }

        private string PushElement(int array, string element)
            => this.body.Slots[array].Type.IsFloating()
                ? this.tape + ".PushValue(" + element + ");"
                : this.tape + ".PushInteger(" + element + ");";

        private string PopElement(int array, string element)
        {
            ScalarType type = this.body.Slots[array].Type;
            string keyword = type.Keyword(this.Element);
            return type.IsFloating()
                ? element + " = " + (keyword == "double" ? string.Empty : "(" + keyword + ")") + this.tape + ".PopValue();"
                : element + " = unchecked((" + keyword + ")" + this.tape + ".PopInteger());";
        }

        private static string OneLine(string text) => string.Join(" ", text.Split(new[] { '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries)).Replace("  ", " ");
    }
}
