using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Frontend;

/// <summary>
/// Parameters that meet a matrix parameter element-wise before a row pass, as in <c>Softmax(x + bias, 1)</c> or
/// <c>LogSumExp(x * scale, 1)</c>: the two met as parameter shapes, one shape class, and the row pass made that class
/// the matrix <c>x</c>. Such an operand is read as <c>x</c>'s shape or as a row repeated over it (<c>[c]</c> or
/// <c>[1, c]</c>, decided at run time), as a bias meeting a product is, instead of having to be <c>x</c>'s shape.
/// </summary>
internal sealed partial class BodyLowering
{
    // The shape classes whose sizes the body reads (x.FlattenedLength, x.Lengths[i], x.Rank): their parameters keep one shape.
    private readonly List<int> sizeReads = new();

    /// <summary>
    /// The parameters of matrix shape classes that may be read as rows repeated over their class, each with the
    /// canonical domain of its own shape (added to <paramref name="domains"/>): every use of one is an element-wise
    /// operation that also reads the class's matrix parameter, so its own shape matters nowhere else.
    /// </summary>
    private Dictionary<int, int> RowOperands(List<Domain> domains, Dictionary<int, int> compact, EquatableArray<VectorOperand> vectorOperands)
    {
        var result = new Dictionary<int, int>();
        if (this.shapes.OneShape)
        {
            // Dot, Mse and the like need one shape when run eagerly: no operand may broadcast.
            return result;
        }

        var users = new List<int>[this.graph.Count];
        for (int i = 0; i < this.graph.Count; i++)
        {
            foreach (int arg in this.graph[i].Args)
            {
                (users[arg] ??= new List<int>()).Add(i);
            }
        }

        // A node of a matrix class's non-matrix parameters and scalars only: it could be computed in a smaller shape.
        var memo = new Dictionary<int, bool>();
        bool OperandsOnly(int id, int owner)
        {
            if (memo.TryGetValue(id, out bool known))
            {
                return known;
            }

            Node node = this.graph[id];
            PrimitiveKind kind = Primitives.Of(node.Op).Kind;
            bool only = node.IsScalar || node.Op == Op.Broadcast
                || (node.Op == Op.Parameter && node.Parameter != owner)
                || (kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison && node.Args.All(a => OperandsOnly(a, owner)));
            memo[id] = only;
            return only;
        }

        // Every use is element-wise in the class and meets the matrix there, directly or through element-wise work of
        // operands only (Square(sigma) in d / Square(sigma)): read at a row stride, it is repeated as PyTorch broadcasts it.
        bool MeetsMatrix(int value, int owner, int domain)
            => users[value] is { } uses && uses.All(u => this.graph[u] is var user && Primitives.Of(user.Op).Kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison
                && user.Domain >= 0 && compact[user.Domain] == domain
                && (user.Args.Any(a => this.graph[a].IsTensor && !OperandsOnly(a, owner)) || (OperandsOnly(u, owner) && MeetsMatrix(u, owner, domain))));

        var counted = new HashSet<int>(Enumerable.Range(0, this.graph.Count).Where(i => this.graph[i].Op == Op.Count).Select(i => this.graph[i].Parameter));
        var sized = new HashSet<int>(this.sizeReads.Select(this.Find));
        var qualifies = new Dictionary<int, bool>();
        for (int id = 0; id < this.graph.Count; id++)
        {
            Node node = this.graph[id];
            if (node.Op != Op.Parameter || node.IsScalar)
            {
                continue;
            }

            int domain = compact[node.Domain];
            Domain canonical = domains[domain];
            bool ok = canonical.IsMatrix && !this.shapes.MatrixParameters.Contains(node.Parameter) && !counted.Contains(node.Domain) && !sized.Contains(this.Find(node.Domain))
                && this.OwnerOf(canonical, vectorOperands, rowVector: true) is { } owner;
            if (ok)
            {
                // Every use reads the matrix too, element-wise, in its class: the operand's own shape is never reduced or counted.
                int matrixOwner = this.OwnerOf(canonical, vectorOperands, rowVector: true)!.Value;
                memo.Clear();
                ok = MeetsMatrix(id, matrixOwner, domain);
            }

            qualifies[node.Parameter] = (!qualifies.TryGetValue(node.Parameter, out bool before) || before) && ok;
        }

        // A parameter tied by its shape check to one that keeps its shape (and is no matrix) keeps its own shape too.
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (ShapeCheck check in this.shapes.ShapeChecks)
            {
                foreach ((int side, int other) in new[] { (check.First, check.Second), (check.Second, check.First) })
                {
                    if (qualifies.TryGetValue(side, out bool yes) && yes && !(qualifies.TryGetValue(other, out bool too) && too) && !this.shapes.MatrixParameters.Contains(other))
                    {
                        qualifies[side] = false;
                        changed = true;
                    }
                }
            }
        }

        foreach (int lead in this.shapes.MatrixParameters)
        {
            // A parameter whose shape check ties it to the lead and that is no row operand keeps that check only while the lead keeps its shape.
            bool tied = this.shapes.ShapeChecks.Any(c => (c.First == lead || c.Second == lead) && !(qualifies.TryGetValue(c.First == lead ? c.Second : c.First, out bool row) && row));
            if (!tied && this.MayBeTheSmaller(lead, users, compact, domains, qualifies, counted, sized, vectorOperands))
            {
                qualifies[lead] = true;
            }
        }

        foreach (KeyValuePair<int, bool> entry in qualifies.Where(e => e.Value).OrderBy(e => e.Key))
        {
            domains.Add(new Domain(entry.Key));
            result[entry.Key] = domains.Count - 1;
        }

        return result;
    }

    /// <summary>
    /// Whether matrix parameter <paramref name="lead"/>, the operand written first where its class's parameters meet
    /// (<c>b</c> in <c>Softmax(b + x, 1)</c>), may be read as a row operand too, so that either operand may be the
    /// matrix when the method is called (PyTorch broadcasts either way): every use of it is element-wise in its class,
    /// one or two row operands meet it there, and every value of the class that leaves element-wise work (reduced,
    /// along an axis or whole) reads all of them, so its shape is the one they broadcast to, as the method run as
    /// written computes it.
    /// </summary>
    private bool MayBeTheSmaller(int lead, List<int>[] users, Dictionary<int, int> compact, List<Domain> domains, Dictionary<int, bool> qualifies, HashSet<int> counted, HashSet<int> sized, EquatableArray<VectorOperand> vectorOperands)
    {
        int domain = -1;
        for (int id = 0; id < this.graph.Count; id++)
        {
            Node node = this.graph[id];
            if (node.Op != Op.Parameter || node.Parameter != lead)
            {
                continue;
            }

            int own = compact[node.Domain];
            if (!domains[own].IsMatrix || (domain >= 0 && own != domain) || counted.Contains(node.Domain) || sized.Contains(this.Find(node.Domain))
                || this.OwnerOf(domains[own], vectorOperands, rowVector: true) != lead
                || users[id] is not { } uses || !uses.All(u => this.graph[u] is var user && Primitives.Of(user.Op).Kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison && user.Domain >= 0 && compact[user.Domain] == own))
            {
                return false;
            }

            domain = own;
        }

        // The row operands read in its class (as Canonicalize expands them), each a bit of what a value reads.
        var members = new Dictionary<int, long> { [lead] = 1 };
        for (int id = 0; id < this.graph.Count && domain >= 0; id++)
        {
            if (this.graph[id].Domain < 0 || compact[this.graph[id].Domain] != domain)
            {
                continue;
            }

            foreach (int arg in this.graph[id].Args)
            {
                Node node = this.graph[arg];
                if (node.Op == Op.Expand)
                {
                    // A parameter expanded when it met the class (after the row pass made it a matrix): read at the lead's shape.
                    return false;
                }

                if (node.Op == Op.Parameter && node.Parameter != lead && qualifies.TryGetValue(node.Parameter, out bool row) && row && !members.ContainsKey(node.Parameter))
                {
                    members[node.Parameter] = 1L << members.Count;
                }
            }
        }

        if (domain < 0 || members.Count is < 2 or > 4)
        {
            return false;
        }

        // What each value reads, in graph order (operands come first); a scalar broadcast reads no shape.
        long all = (1L << members.Count) - 1;
        var reads = new long[this.graph.Count];
        for (int id = 0; id < this.graph.Count; id++)
        {
            Node node = this.graph[id];
            if (node.IsScalar || node.Op == Op.Broadcast)
            {
                continue;
            }

            reads[id] = node.Op == Op.Parameter && members.TryGetValue(node.Parameter, out long bit) ? bit : node.Args.Aggregate(0L, (sum, a) => sum | reads[a]);
            bool leaves = users[id] is { } next && next.Any(u => this.graph[u] is var user && !(Primitives.Of(user.Op).Kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison && user.Domain >= 0 && compact[user.Domain] == domain));
            if (compact[node.Domain] == domain && node.Op != Op.Parameter && leaves && reads[id] != all)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What each row operand must span when the method is called, as <see cref="Node.Bits"/> of its
    /// <see cref="Op.Expand"/> (<see cref="SpansRows"/>, <see cref="SpansColumns"/>): its class is computed in the shape
    /// all its operands broadcast to, but a value that leaves element-wise work (reduced, or stretched past a reduction)
    /// without reading the class's matrix along an axis has, run as written, the shape of the row operands it reads
    /// along that axis (<c>Max(x + b, 1, keepDims: true) * b</c> is <c>[r, 1]</c> for a column <c>b</c> <c>[r, 1]</c>).
    /// Each such row operand must then span that axis of the class, or the method throws before computing anything.
    /// </summary>
    private Dictionary<int, long> RowOperandSpans(Dictionary<int, int> rowOperands, Dictionary<int, int> compact, List<Domain> domains, int result)
    {
        var spans = new Dictionary<int, long>();
        if (rowOperands.Count == 0)
        {
            return spans;
        }

        // One bit per row operand; the full shape (a matrix parameter, a product) is its own bit.
        var bits = new Dictionary<int, long>();
        foreach (int parameter in rowOperands.Keys.OrderBy(p => p).Take(62))
        {
            bits[parameter] = 1L << bits.Count;
        }

        const long Full = 1L << 62;
        var users = new List<int>[this.graph.Count];
        var rows = new long[this.graph.Count];
        var columns = new long[this.graph.Count];
        var members = new Dictionary<int, long>();
        for (int id = 0; id < this.graph.Count; id++)
        {
            Node node = this.graph[id];
            foreach (int arg in node.Args)
            {
                (users[arg] ??= new List<int>()).Add(id);
            }

            if (node.IsScalar || node.Op == Op.Broadcast)
            {
                continue;
            }

            int first = node.Args.Count > 0 ? node.Args[0] : -1;
            if (node.Op == Op.Parameter)
            {
                long bit = rowOperands.ContainsKey(node.Parameter) ? (bits.TryGetValue(node.Parameter, out long own) ? own : 0) : Full;
                (rows[id], columns[id]) = (bit, bit);
                if (bit != Full)
                {
                    int domain = compact[node.Domain];
                    members[domain] = (members.TryGetValue(domain, out long before) ? before : 0) | bit;
                }
            }
            else if (node.Op.IsAxisReduction() || node.Op == Op.Stretch)
            {
                // Along its axis a reduction (or a stretch of one) reads nothing; an axis-1 result without keepDims is the vector [1, r].
                bool vector = node.Op != Op.Stretch && node.Parameter == 1 && domains[compact[node.Domain]].Rows is { IsOne: true }
                    && domains[compact[this.graph[first].Domain]].Rows is { IsOne: false };
                (rows[id], columns[id]) = node.Parameter == 1 ? (vector ? (0L, rows[first]) : (rows[first], 0L)) : (0L, columns[first]);
            }
            else if (Primitives.Of(node.Op).Kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison)
            {
                foreach (int arg in node.Args)
                {
                    rows[id] |= rows[arg];
                    columns[id] |= columns[arg];
                }
            }
            else
            {
                (rows[id], columns[id]) = (Full, Full);
            }
        }

        for (int id = 0; id < this.graph.Count; id++)
        {
            Node node = this.graph[id];
            if (node.IsScalar || node.Op == Op.Parameter || !members.TryGetValue(compact[node.Domain], out long all))
            {
                continue;
            }

            int domain = compact[node.Domain];
            bool leaves = id == result || (users[id] is { } next && next.Any(u => this.graph[u] is var user
                && !(Primitives.Of(user.Op).Kind is PrimitiveKind.Elementwise or PrimitiveKind.Comparison && user.Domain >= 0 && compact[user.Domain] == domain)));
            if (!leaves)
            {
                continue;
            }

            foreach ((long reads, long axis) in new[] { (rows[id], SpansRows), (columns[id], SpansColumns) })
            {
                // Reading the matrix, or every row operand of the class, along the axis: the value spans it.
                if ((reads & Full) != 0 || (reads & all) == all)
                {
                    continue;
                }

                foreach (KeyValuePair<int, long> member in bits.Where(b => (reads & all & b.Value) != 0))
                {
                    spans[member.Key] = (spans.TryGetValue(member.Key, out long before) ? before : 0) | axis;
                }
            }
        }

        return spans;
    }

    /// <summary>The <see cref="Node.Bits"/> of an <see cref="Op.Expand"/> whose row operand must span the rows of its class (not be one row repeated).</summary>
    internal const long SpansRows = 2;

    /// <summary>The <see cref="Node.Bits"/> of an <see cref="Op.Expand"/> whose row operand must span the columns of its class (not be one column repeated).</summary>
    internal const long SpansColumns = 4;

    /// <summary>
    /// The matrix parameter whose shape a matrix class has, if it is one that is never read as a vector; with
    /// <paramref name="rowVector"/>, also one that may be a vector read as a row <c>[1, n]</c> (<c>LogSoftmax(x + b, -1)</c>
    /// with <c>x</c> <c>[n]</c>), which its row operands then meet as one row.
    /// </summary>
    private int? OwnerOf(Domain matrix, EquatableArray<VectorOperand> vectorOperands, bool rowVector = false)
    {
        foreach (int candidate in this.shapes.MatrixParameters)
        {
            if (this.FindDim(new Dim(candidate, 0)) == matrix.Rows && this.FindDim(new Dim(candidate, 1)) == matrix.Columns)
            {
                return vectorOperands.Any(v => v.Parameter == candidate && (v.Column || !rowVector)) ? null : candidate;
            }
        }

        return null;
    }

    /// <summary>The shape checks left once <paramref name="rowOperands"/> are read as rows repeated over their class: each such read checks its operand's shape.</summary>
    private EquatableArray<ShapeCheck> RowOperandChecks(Dictionary<int, int> rowOperands)
        => this.shapes.ShapeChecks.Where(c => !rowOperands.ContainsKey(c.First) && !rowOperands.ContainsKey(c.Second)).ToEquatableArray();
}
