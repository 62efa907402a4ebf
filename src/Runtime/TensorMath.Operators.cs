using System.Numerics.Tensors;

namespace SymGrad;

// The comparison operators on tensors, as C# 14 extension operators: `x < y`, `x >= 0`, `0 < x` give masks
// (Tensor<bool>) exactly as the named LessThan, LessThanOrEqual, GreaterThan and GreaterThanOrEqual do. They are
// declared for Tensor<T> as well as ReadOnlyTensorSpan<T> so that comparing two Tensor<T> values binds directly.
public static partial class TensorMath
{
    extension(ReadOnlyTensorSpan<float>)
    {
        /// <summary><c>left &lt; right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="LessThan(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>.</summary>
        public static Tensor<bool> operator <(ReadOnlyTensorSpan<float> left, ReadOnlyTensorSpan<float> right) => LessThan(left, right);

        /// <summary><c>left &lt; right</c> for each element of <c>left</c>, as a mask: <see cref="LessThan(in ReadOnlyTensorSpan{float}, float)"/>.</summary>
        public static Tensor<bool> operator <(ReadOnlyTensorSpan<float> left, float right) => LessThan(left, right);

        /// <summary><c>left &lt; right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator <(float left, ReadOnlyTensorSpan<float> right) => GreaterThan(right, left);

        /// <summary><c>left &gt; right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="GreaterThan(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>.</summary>
        public static Tensor<bool> operator >(ReadOnlyTensorSpan<float> left, ReadOnlyTensorSpan<float> right) => GreaterThan(left, right);

        /// <summary><c>left &gt; right</c> for each element of <c>left</c>, as a mask: <see cref="GreaterThan(in ReadOnlyTensorSpan{float}, float)"/>.</summary>
        public static Tensor<bool> operator >(ReadOnlyTensorSpan<float> left, float right) => GreaterThan(left, right);

        /// <summary><c>left &gt; right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator >(float left, ReadOnlyTensorSpan<float> right) => LessThan(right, left);

        /// <summary><c>left &lt;= right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="LessThanOrEqual(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>.</summary>
        public static Tensor<bool> operator <=(ReadOnlyTensorSpan<float> left, ReadOnlyTensorSpan<float> right) => LessThanOrEqual(left, right);

        /// <summary><c>left &lt;= right</c> for each element of <c>left</c>, as a mask: <see cref="LessThanOrEqual(in ReadOnlyTensorSpan{float}, float)"/>.</summary>
        public static Tensor<bool> operator <=(ReadOnlyTensorSpan<float> left, float right) => LessThanOrEqual(left, right);

        /// <summary><c>left &lt;= right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator <=(float left, ReadOnlyTensorSpan<float> right) => GreaterThanOrEqual(right, left);

        /// <summary><c>left &gt;= right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="GreaterThanOrEqual(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>.</summary>
        public static Tensor<bool> operator >=(ReadOnlyTensorSpan<float> left, ReadOnlyTensorSpan<float> right) => GreaterThanOrEqual(left, right);

        /// <summary><c>left &gt;= right</c> for each element of <c>left</c>, as a mask: <see cref="GreaterThanOrEqual(in ReadOnlyTensorSpan{float}, float)"/>.</summary>
        public static Tensor<bool> operator >=(ReadOnlyTensorSpan<float> left, float right) => GreaterThanOrEqual(left, right);

        /// <summary><c>left &gt;= right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator >=(float left, ReadOnlyTensorSpan<float> right) => LessThanOrEqual(right, left);
    }

    extension(ReadOnlyTensorSpan<double>)
    {
        /// <summary><c>left &lt; right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="LessThan(in ReadOnlyTensorSpan{double}, in ReadOnlyTensorSpan{double})"/>.</summary>
        public static Tensor<bool> operator <(ReadOnlyTensorSpan<double> left, ReadOnlyTensorSpan<double> right) => LessThan(left, right);

        /// <summary><c>left &lt; right</c> for each element of <c>left</c>, as a mask: <see cref="LessThan(in ReadOnlyTensorSpan{double}, double)"/>.</summary>
        public static Tensor<bool> operator <(ReadOnlyTensorSpan<double> left, double right) => LessThan(left, right);

        /// <summary><c>left &lt; right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator <(double left, ReadOnlyTensorSpan<double> right) => GreaterThan(right, left);

        /// <summary><c>left &gt; right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="GreaterThan(in ReadOnlyTensorSpan{double}, in ReadOnlyTensorSpan{double})"/>.</summary>
        public static Tensor<bool> operator >(ReadOnlyTensorSpan<double> left, ReadOnlyTensorSpan<double> right) => GreaterThan(left, right);

        /// <summary><c>left &gt; right</c> for each element of <c>left</c>, as a mask: <see cref="GreaterThan(in ReadOnlyTensorSpan{double}, double)"/>.</summary>
        public static Tensor<bool> operator >(ReadOnlyTensorSpan<double> left, double right) => GreaterThan(left, right);

        /// <summary><c>left &gt; right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator >(double left, ReadOnlyTensorSpan<double> right) => LessThan(right, left);

        /// <summary><c>left &lt;= right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="LessThanOrEqual(in ReadOnlyTensorSpan{double}, in ReadOnlyTensorSpan{double})"/>.</summary>
        public static Tensor<bool> operator <=(ReadOnlyTensorSpan<double> left, ReadOnlyTensorSpan<double> right) => LessThanOrEqual(left, right);

        /// <summary><c>left &lt;= right</c> for each element of <c>left</c>, as a mask: <see cref="LessThanOrEqual(in ReadOnlyTensorSpan{double}, double)"/>.</summary>
        public static Tensor<bool> operator <=(ReadOnlyTensorSpan<double> left, double right) => LessThanOrEqual(left, right);

        /// <summary><c>left &lt;= right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator <=(double left, ReadOnlyTensorSpan<double> right) => GreaterThanOrEqual(right, left);

        /// <summary><c>left &gt;= right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="GreaterThanOrEqual(in ReadOnlyTensorSpan{double}, in ReadOnlyTensorSpan{double})"/>.</summary>
        public static Tensor<bool> operator >=(ReadOnlyTensorSpan<double> left, ReadOnlyTensorSpan<double> right) => GreaterThanOrEqual(left, right);

        /// <summary><c>left &gt;= right</c> for each element of <c>left</c>, as a mask: <see cref="GreaterThanOrEqual(in ReadOnlyTensorSpan{double}, double)"/>.</summary>
        public static Tensor<bool> operator >=(ReadOnlyTensorSpan<double> left, double right) => GreaterThanOrEqual(left, right);

        /// <summary><c>left &gt;= right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator >=(double left, ReadOnlyTensorSpan<double> right) => LessThanOrEqual(right, left);
    }

    extension(Tensor<float>)
    {
        /// <summary><c>left &lt; right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="LessThan(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>.</summary>
        public static Tensor<bool> operator <(Tensor<float> left, Tensor<float> right) => LessThan(left, right);

        /// <summary><c>left &lt; right</c> for each element of <c>left</c>, as a mask: <see cref="LessThan(in ReadOnlyTensorSpan{float}, float)"/>.</summary>
        public static Tensor<bool> operator <(Tensor<float> left, float right) => LessThan(left, right);

        /// <summary><c>left &lt; right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator <(float left, Tensor<float> right) => GreaterThan(right, left);

        /// <summary><c>left &gt; right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="GreaterThan(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>.</summary>
        public static Tensor<bool> operator >(Tensor<float> left, Tensor<float> right) => GreaterThan(left, right);

        /// <summary><c>left &gt; right</c> for each element of <c>left</c>, as a mask: <see cref="GreaterThan(in ReadOnlyTensorSpan{float}, float)"/>.</summary>
        public static Tensor<bool> operator >(Tensor<float> left, float right) => GreaterThan(left, right);

        /// <summary><c>left &gt; right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator >(float left, Tensor<float> right) => LessThan(right, left);

        /// <summary><c>left &lt;= right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="LessThanOrEqual(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>.</summary>
        public static Tensor<bool> operator <=(Tensor<float> left, Tensor<float> right) => LessThanOrEqual(left, right);

        /// <summary><c>left &lt;= right</c> for each element of <c>left</c>, as a mask: <see cref="LessThanOrEqual(in ReadOnlyTensorSpan{float}, float)"/>.</summary>
        public static Tensor<bool> operator <=(Tensor<float> left, float right) => LessThanOrEqual(left, right);

        /// <summary><c>left &lt;= right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator <=(float left, Tensor<float> right) => GreaterThanOrEqual(right, left);

        /// <summary><c>left &gt;= right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="GreaterThanOrEqual(in ReadOnlyTensorSpan{float}, in ReadOnlyTensorSpan{float})"/>.</summary>
        public static Tensor<bool> operator >=(Tensor<float> left, Tensor<float> right) => GreaterThanOrEqual(left, right);

        /// <summary><c>left &gt;= right</c> for each element of <c>left</c>, as a mask: <see cref="GreaterThanOrEqual(in ReadOnlyTensorSpan{float}, float)"/>.</summary>
        public static Tensor<bool> operator >=(Tensor<float> left, float right) => GreaterThanOrEqual(left, right);

        /// <summary><c>left &gt;= right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator >=(float left, Tensor<float> right) => LessThanOrEqual(right, left);
    }

    extension(Tensor<double>)
    {
        /// <summary><c>left &lt; right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="LessThan(in ReadOnlyTensorSpan{double}, in ReadOnlyTensorSpan{double})"/>.</summary>
        public static Tensor<bool> operator <(Tensor<double> left, Tensor<double> right) => LessThan(left, right);

        /// <summary><c>left &lt; right</c> for each element of <c>left</c>, as a mask: <see cref="LessThan(in ReadOnlyTensorSpan{double}, double)"/>.</summary>
        public static Tensor<bool> operator <(Tensor<double> left, double right) => LessThan(left, right);

        /// <summary><c>left &lt; right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator <(double left, Tensor<double> right) => GreaterThan(right, left);

        /// <summary><c>left &gt; right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="GreaterThan(in ReadOnlyTensorSpan{double}, in ReadOnlyTensorSpan{double})"/>.</summary>
        public static Tensor<bool> operator >(Tensor<double> left, Tensor<double> right) => GreaterThan(left, right);

        /// <summary><c>left &gt; right</c> for each element of <c>left</c>, as a mask: <see cref="GreaterThan(in ReadOnlyTensorSpan{double}, double)"/>.</summary>
        public static Tensor<bool> operator >(Tensor<double> left, double right) => GreaterThan(left, right);

        /// <summary><c>left &gt; right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator >(double left, Tensor<double> right) => LessThan(right, left);

        /// <summary><c>left &lt;= right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="LessThanOrEqual(in ReadOnlyTensorSpan{double}, in ReadOnlyTensorSpan{double})"/>.</summary>
        public static Tensor<bool> operator <=(Tensor<double> left, Tensor<double> right) => LessThanOrEqual(left, right);

        /// <summary><c>left &lt;= right</c> for each element of <c>left</c>, as a mask: <see cref="LessThanOrEqual(in ReadOnlyTensorSpan{double}, double)"/>.</summary>
        public static Tensor<bool> operator <=(Tensor<double> left, double right) => LessThanOrEqual(left, right);

        /// <summary><c>left &lt;= right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator <=(double left, Tensor<double> right) => GreaterThanOrEqual(right, left);

        /// <summary><c>left &gt;= right</c> at each position, broadcast by NumPy rules, as a mask: <see cref="GreaterThanOrEqual(in ReadOnlyTensorSpan{double}, in ReadOnlyTensorSpan{double})"/>.</summary>
        public static Tensor<bool> operator >=(Tensor<double> left, Tensor<double> right) => GreaterThanOrEqual(left, right);

        /// <summary><c>left &gt;= right</c> for each element of <c>left</c>, as a mask: <see cref="GreaterThanOrEqual(in ReadOnlyTensorSpan{double}, double)"/>.</summary>
        public static Tensor<bool> operator >=(Tensor<double> left, double right) => GreaterThanOrEqual(left, right);

        /// <summary><c>left &gt;= right</c> for each element of <c>right</c>, as a mask: the scalar compared with every element.</summary>
        public static Tensor<bool> operator >=(double left, Tensor<double> right) => LessThanOrEqual(right, left);
    }
}
