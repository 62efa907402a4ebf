using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace SymGrad.Generator.Model;

/// <summary>
/// An immutable array compared by its elements, so that models holding it stay value-equatable and the incremental
/// pipeline can tell an unchanged model from a changed one.
/// </summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    public static readonly EquatableArray<T> Empty = new(ImmutableArray<T>.Empty);

    private readonly ImmutableArray<T> items;

    public EquatableArray(ImmutableArray<T> items) => this.items = items;

    public int Count => this.items.IsDefault ? 0 : this.items.Length;

    public T this[int index] => this.items[index];

    public ImmutableArray<T> AsImmutableArray() => this.items.IsDefault ? ImmutableArray<T>.Empty : this.items;

    public bool Equals(EquatableArray<T> other) => this.AsSpan().SequenceEqual(other.AsSpan());

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && this.Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        foreach (T item in this.AsSpan())
        {
            hash = unchecked((hash * 31) + (item is null ? 0 : item.GetHashCode()));
        }

        return hash;
    }

    public ReadOnlySpan<T> AsSpan() => this.AsImmutableArray().AsSpan();

    public ImmutableArray<T>.Enumerator GetEnumerator() => this.AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)this.AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)this.AsImmutableArray()).GetEnumerator();

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
}

internal static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T>
        => new(items.ToImmutableArray());

    public static EquatableArray<T> Create<T>(params T[] items)
        where T : IEquatable<T>
        => new(ImmutableArray.Create(items));
}
