using System;
using System.Collections.Generic;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Shapes;

/// <summary>
/// The shape classes of a body being lowered: tensor domains that must have one shape (a union-find over domains),
/// run-time dimensions that must be equal (a union-find over dimensions), the run-time checks each merge implies, and
/// the parameters known to be matrices. The frontend asks it as it reads operations; the checks become the argument
/// checks of the generated methods, thrown before anything is written.
/// </summary>
internal sealed class ShapeClasses
{
    private readonly GraphBuilder graph;
    private readonly List<int> domainParent = new();
    private readonly Dictionary<Dim, Dim> dimParent = new();
    private readonly Dictionary<int, int> leads = new();
    private bool oneShape;

    public ShapeClasses(GraphBuilder graph) => this.graph = graph;

    /// <summary>Pairs of tensor parameters that meet element-wise and so must have the same shape (or broadcast).</summary>
    public List<ShapeCheck> ShapeChecks { get; } = new();

    /// <summary>
    /// Set once the body calls a function whose tensors must have one shape run eagerly (<c>Dot</c>, <c>Mse</c>):
    /// from then on every pair must, so the generated methods never broadcast what the method as written refuses.
    /// </summary>
    public bool OneShape
    {
        get => this.oneShape;
        set
        {
            this.oneShape |= value;
            for (int i = 0; i < this.ShapeChecks.Count && this.oneShape; i++)
            {
                this.ShapeChecks[i] = this.ShapeChecks[i] with { OneShape = true };
            }
        }
    }

    /// <summary>Pairs of run-time dimensions that must be equal.</summary>
    public List<DimCheck> DimChecks { get; } = new();

    /// <summary>The tensor parameters used as matrices (rank 2, checked when the method is called).</summary>
    public SortedSet<int> MatrixParameters { get; } = new();

    /// <summary>The domain of a tensor parameter's shape, as a class of its own.</summary>
    public int NewDomain(int parameter) => this.Track(this.graph.DomainOf(parameter));

    /// <summary>Makes a domain the builder created a class of its own (if it is not one yet).</summary>
    public int Track(int domain)
    {
        while (this.domainParent.Count <= domain)
        {
            this.domainParent.Add(this.domainParent.Count);
        }

        return domain;
    }

    /// <summary>The root of a domain's class.</summary>
    public int Find(int domain)
    {
        while (this.domainParent[domain] != domain)
        {
            domain = this.domainParent[domain];
        }

        return domain;
    }

    /// <summary>
    /// Merges two shape classes that meet element-wise. Two parameter shapes must be equal (checked at run time);
    /// a parameter meeting a matrix joins it (as a matrix of that shape or a repeated bias, resolved at run time);
    /// two matrices must agree in rows and columns. Of two parameter shapes, <paramref name="a"/>'s lead becomes the
    /// class's when <paramref name="leftLead"/> (see <see cref="Lead"/>).
    /// </summary>
    public void Unify(int a, int b, bool leftLead = false)
    {
        int rootA = this.Find(a);
        int rootB = this.Find(b);
        if (rootA == rootB)
        {
            return;
        }

        Domain first = this.graph.Domains[rootA];
        Domain second = this.graph.Domains[rootB];
        if (first.IsMatrix && second.IsMatrix)
        {
            this.UnifyDims(first.Rows!, second.Rows!);
            this.UnifyDims(first.Columns!, second.Columns!);
            this.domainParent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
        else if (first.IsMatrix || second.IsMatrix)
        {
            int matrix = first.IsMatrix ? rootA : rootB;
            this.domainParent[matrix == rootA ? rootB : rootA] = matrix;
        }
        else if (first.IsSlice && second.IsSlice)
        {
            // Slices of vectors that drop different counts: their lengths are checked equal when the method is called.
            this.domainParent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
        else
        {
            // A slice meeting a whole parameter leaves the parameter's class the root, where the slice is refused.
            int low = first.IsSlice ? rootB : second.IsSlice ? rootA : Math.Min(rootA, rootB);
            int high = low == rootA ? rootB : rootA;
            this.domainParent[high] = low;
            if (leftLead && !first.IsSlice && !second.IsSlice)
            {
                this.leads[low] = this.Lead(rootA);
            }

            this.ShapeChecks.Add(new ShapeCheck(this.graph.Domains[low].Parameter, this.graph.Domains[high].Parameter, this.oneShape));
        }
    }

    /// <summary>
    /// The parameter a class of parameter shapes becomes the matrix of when a row pass or a product reads it as one: the
    /// left-most parameter of the element-wise expression that joined them (<c>x</c> in <c>x + bias</c> and in
    /// <c>(x * scale) + bias</c>), whatever order they are declared in.
    /// </summary>
    public int Lead(int root) => this.leads.TryGetValue(root, out int lead) ? lead : this.graph.Domains[root].Parameter;

    /// <summary>The root of a dimension's class.</summary>
    public Dim FindDim(Dim dim)
    {
        while (this.dimParent.TryGetValue(dim, out Dim? parent) && parent != dim)
        {
            dim = parent;
        }

        return dim;
    }

    /// <summary>Merges two run-time dimensions that must be equal, with the run-time check that says so.</summary>
    public void UnifyDims(Dim a, Dim b)
    {
        a = this.FindDim(a);
        b = this.FindDim(b);
        if (a == b)
        {
            return;
        }

        (Dim low, Dim high) = a.CompareTo(b) < 0 ? (a, b) : (b, a);
        this.dimParent[high] = low;
        this.DimChecks.Add(new DimCheck(low, high));
    }

    /// <summary>Whether two matrix shape classes meet with a size-1 dimension against a larger one (NumPy broadcasting).</summary>
    public bool Stretches(int a, int b)
    {
        Domain first = this.graph.Domains[a];
        Domain second = this.graph.Domains[b];
        return this.FindDim(first.Rows!).IsOne != this.FindDim(second.Rows!).IsOne
            || this.FindDim(first.Columns!).IsOne != this.FindDim(second.Columns!).IsOne;
    }

    /// <summary>
    /// The broadcast of two matrix shape classes by NumPy's rules: a dimension of size 1 stretches to the other
    /// operand's, the others must agree (checked at run time). Says along which axis each operand repeats (1: one value
    /// per row, 0: one value per column, -1: none); null for a [1, 1] matrix, which SymGrad does not stretch both ways.
    /// </summary>
    public (int Domain, int LeftAxis, int RightAxis)? Broadcast(int a, int b)
    {
        Domain first = this.graph.Domains[a];
        Domain second = this.graph.Domains[b];
        Dim aRows = this.FindDim(first.Rows!);
        Dim aColumns = this.FindDim(first.Columns!);
        Dim bRows = this.FindDim(second.Rows!);
        Dim bColumns = this.FindDim(second.Columns!);
        if ((aRows.IsOne && aColumns.IsOne) || (bRows.IsOne && bColumns.IsOne))
        {
            return null;
        }

        if (aRows.IsOne == bRows.IsOne)
        {
            this.UnifyDims(aRows, bRows);
        }

        if (aColumns.IsOne == bColumns.IsOne)
        {
            this.UnifyDims(aColumns, bColumns);
        }

        Dim rows = this.FindDim(aRows.IsOne ? bRows : aRows);
        Dim columns = this.FindDim(aColumns.IsOne ? bColumns : aColumns);
        int domain = this.Track(this.graph.MatrixDomain(rows, columns));
        return (domain, Axis(aRows, aColumns, rows, columns), Axis(bRows, bColumns, rows, columns));

        // One row: each column's value repeats down the rows (axis 0); one column: each row's value across it (axis 1).
        static int Axis(Dim rows, Dim columns, Dim toRows, Dim toColumns)
            => rows.IsOne && !toRows.IsOne ? 0 : columns.IsOne && !toColumns.IsOne ? 1 : -1;
    }
}
