using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>
/// A local array's creation (<c>new T[n]</c>, an initializer, <c>stackalloc</c>): array slot <see cref="Array"/> becomes
/// zeroed elements, as many as its length slot holds. In a loop it runs again each time, a new array each time, as C#
/// creates one. <see cref="Text"/> is the creation as written.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record ArrayReset(int Array, string Text) : Region;

/// <summary>
/// Element writes of array slot <see cref="Array"/>, in order: element <c>slot Indexes[i]</c> gets <c>slot Values[i]</c>.
/// The block before it assigns those slots, so its adjoint carries each written element's adjoint back into the value.
/// <see cref="Text"/> is the statement as written.
/// </summary>
/// <remarks>A model type: a new member must stay value-equatable, or incremental caching breaks.</remarks>
internal sealed record ArrayStore(int Array, EquatableArray<int> Indexes, EquatableArray<int> Values, string Text) : Region;
