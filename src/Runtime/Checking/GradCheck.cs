using System;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using SymGrad.Kernels;

namespace SymGrad;

/// <summary>
/// Checks analytic gradients against central finite differences, element by element, with PyTorch's
/// <c>gradcheck</c> rule <c>|analytic - numeric| &lt;= atol + rtol * |numeric|</c>.
/// </summary>
/// <remarks>
/// The numeric derivative of an element is <c>(f(x + eps) - f(x - eps)) / (x₊ - x₋)</c>, where <c>x₊</c> and
/// <c>x₋</c> are <c>x ± eps</c> rounded to the element type: dividing by the step actually taken keeps that rounding
/// out of the estimate. Function values are compared in <see cref="double"/>. Defaults are in
/// <see cref="GradCheckOptions"/>. <see cref="float"/> and <see cref="double"/> elements are supported.
/// </remarks>
public static class GradCheck
{
    /// <summary>
    /// Checks <paramref name="analyticGradient"/>, the gradient of <paramref name="value"/> with respect to
    /// <paramref name="input"/>, by perturbing each element of <paramref name="input"/> in place.
    /// </summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="input">The tensor the function reads; each element is set to <c>x ± eps</c> in turn and always restored exactly, even when <paramref name="value"/> throws.</param>
    /// <param name="value">Computes the function from the current contents of <paramref name="input"/>; called twice per element.</param>
    /// <param name="analyticGradient">The gradient under test, of the shape of <paramref name="input"/>.</param>
    /// <param name="options">The step and tolerances; <see langword="null"/> for the defaults.</param>
    /// <returns>The outcome; see <see cref="GradCheckResult.ThrowIfFailed"/>.</returns>
    /// <exception cref="ArgumentException">The shapes differ, or elements of <paramref name="input"/> share memory (a broadcast view).</exception>
    public static GradCheckResult Check<T>(Tensor<T> input, Func<T> value, in ReadOnlyTensorSpan<T> analyticGradient, GradCheckOptions? options = null)
        where T : IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(value);
        Settings settings = Settings.For<T>(options);
        if (!input.Lengths.SequenceEqual(analyticGradient.Lengths))
        {
            throw new ArgumentException(
                $"'{nameof(analyticGradient)}' must have the shape of '{nameof(input)}', {ShapeGuard.Format(input.Lengths)}, " +
                $"but it is {ShapeGuard.Format(analyticGradient.Lengths)}. Pass the gradient of the value with respect to '{nameof(input)}'.",
                nameof(analyticGradient));
        }

        ReadOnlySpan<nint> lengths = input.Lengths;
        ReadOnlySpan<nint> strides = input.Strides;
        for (int d = 0; d < lengths.Length; d++)
        {
            if (strides[d] == 0 && lengths[d] > 1)
            {
                throw new ArgumentException(
                    $"'{nameof(input)}' has lengths {ShapeGuard.Format(lengths)} and strides {ShapeGuard.Format(strides)}: elements share memory " +
                    $"(a broadcast view), so one cannot be perturbed alone. Check the tensor the function actually reads.",
                    nameof(input));
            }
        }

        using DenseElements<T> gradient = DenseElements<T>.Of(analyticGradient);
        var worst = new WorstElements(settings);
        Span<nint> position = stackalloc nint[lengths.Length];
        // Through the span: Tensor<T>.GetPinnableReference ignores the offset of a tensor created inside an array.
        ref T origin = ref input.AsTensorSpan().GetPinnableReference();
        nint offset = 0;
        for (int index = 0; index < gradient.Span.Length; index++)
        {
            double numeric = CentralDifference(ref Unsafe.Add(ref origin, offset), value, settings.Epsilon);
            worst.Add(index, double.CreateTruncating(gradient.Span[index]), numeric);

            // Step to the next element in row-major order through the input's strides, so views work too.
            for (int d = lengths.Length - 1; d >= 0; d--)
            {
                offset += strides[d];
                if (++position[d] < lengths[d])
                {
                    break;
                }

                offset -= strides[d] * lengths[d];
                position[d] = 0;
            }
        }

        return worst.ToResult(lengths.ToArray());
    }

    /// <summary>Checks <paramref name="analyticDerivative"/>, the derivative of <paramref name="value"/> at <paramref name="input"/>.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="input">The point.</param>
    /// <param name="value">The function; called at <c>input ± eps</c>.</param>
    /// <param name="analyticDerivative">The derivative under test.</param>
    /// <param name="options">The step and tolerances; <see langword="null"/> for the defaults.</param>
    /// <returns>The outcome; see <see cref="GradCheckResult.ThrowIfFailed"/>.</returns>
    public static GradCheckResult Check<T>(T input, Func<T, T> value, T analyticDerivative, GradCheckOptions? options = null)
        where T : IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        Settings settings = Settings.For<T>(options);
        (T plus, T minus) = Steps(input, settings.Epsilon);
        double numeric = Quotient(value(plus), value(minus), plus, minus);
        var worst = new WorstElements(settings);
        worst.Add(0, double.CreateTruncating(analyticDerivative), numeric);
        return worst.ToResult([]);
    }

    /// <summary>
    /// Like <see cref="Check{T}(Tensor{T}, Func{T}, in ReadOnlyTensorSpan{T}, GradCheckOptions?)"/>, but throws when an
    /// element fails.
    /// </summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="input">The tensor the function reads; always restored.</param>
    /// <param name="value">Computes the function from the current contents of <paramref name="input"/>.</param>
    /// <param name="analyticGradient">The gradient under test, of the shape of <paramref name="input"/>.</param>
    /// <param name="options">The step and tolerances; <see langword="null"/> for the defaults.</param>
    /// <exception cref="GradCheckException">An element failed; the message lists the worst elements.</exception>
    public static void Assert<T>(Tensor<T> input, Func<T> value, in ReadOnlyTensorSpan<T> analyticGradient, GradCheckOptions? options = null)
        where T : IBinaryFloatingPointIeee754<T>
        => Check(input, value, analyticGradient, options).ThrowIfFailed();

    /// <summary>Like <see cref="Check{T}(T, Func{T, T}, T, GradCheckOptions?)"/>, but throws when the derivative fails.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="input">The point.</param>
    /// <param name="value">The function.</param>
    /// <param name="analyticDerivative">The derivative under test.</param>
    /// <param name="options">The step and tolerances; <see langword="null"/> for the defaults.</param>
    /// <exception cref="GradCheckException">The derivative failed; the message gives both values.</exception>
    public static void Assert<T>(T input, Func<T, T> value, T analyticDerivative, GradCheckOptions? options = null)
        where T : IBinaryFloatingPointIeee754<T>
        => Check(input, value, analyticDerivative, options).ThrowIfFailed();

    private static double CentralDifference<T>(ref T element, Func<T> value, double epsilon)
        where T : IBinaryFloatingPointIeee754<T>
    {
        T saved = element;
        (T plus, T minus) = Steps(saved, epsilon);
        T atPlus, atMinus;
        try
        {
            element = plus;
            atPlus = value();
            element = minus;
            atMinus = value();
        }
        finally
        {
            element = saved;
        }

        return Quotient(atPlus, atMinus, plus, minus);
    }

    private static (T Plus, T Minus) Steps<T>(T x, double epsilon)
        where T : IBinaryFloatingPointIeee754<T>
    {
        double center = double.CreateTruncating(x);
        return (T.CreateTruncating(center + epsilon), T.CreateTruncating(center - epsilon));
    }

    private static double Quotient<T>(T atPlus, T atMinus, T plus, T minus)
        where T : IBinaryFloatingPointIeee754<T>
        => (double.CreateTruncating(atPlus) - double.CreateTruncating(atMinus)) / (double.CreateTruncating(plus) - double.CreateTruncating(minus));

    /// <summary>The resolved step and tolerances.</summary>
    private readonly record struct Settings(double Epsilon, double AbsoluteTolerance, double RelativeTolerance, int MaxReported)
    {
        public static Settings For<T>(GradCheckOptions? options)
        {
            bool isDouble = typeof(T) == typeof(double);
            if (!isDouble && typeof(T) != typeof(float))
            {
                throw new NotSupportedException($"GradCheck supports float and double elements, not {typeof(T).Name}. Check in float or double.");
            }

            var settings = new Settings(
                options?.Epsilon ?? (isDouble ? 1e-6 : 1e-3),
                options?.AbsoluteTolerance ?? (isDouble ? 1e-5 : 1e-3),
                options?.RelativeTolerance ?? (isDouble ? 1e-3 : 1e-2),
                options?.MaxReported ?? 5);
            if (!(settings.Epsilon > 0 && double.IsFinite(settings.Epsilon))
                || !(settings.AbsoluteTolerance >= 0)
                || !(settings.RelativeTolerance >= 0)
                || settings.MaxReported < 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(options),
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"GradCheck needs a finite positive Epsilon, tolerances of at least 0 and MaxReported of at least 1, but got Epsilon {settings.Epsilon:R}, " +
                        $"AbsoluteTolerance {settings.AbsoluteTolerance:R}, RelativeTolerance {settings.RelativeTolerance:R}, MaxReported {settings.MaxReported}."));
            }

            return settings;
        }
    }

    /// <summary>Counts failures and keeps the elements furthest outside their tolerance, without allocating per element.</summary>
    private struct WorstElements(Settings settings)
    {
        private readonly Entry[] _entries = new Entry[settings.MaxReported];
        private int _count;
        private nint _checked;
        private nint _failed;

        public void Add(nint index, double analytic, double numeric)
        {
            double tolerance = settings.AbsoluteTolerance + (settings.RelativeTolerance * Math.Abs(numeric));
            double error = Math.Abs(analytic - numeric);
            _checked++;
            if (!(error <= tolerance))
            {
                _failed++;
            }

            // Rank by error in units of tolerance; a NaN error ranks worst.
            double score = double.IsNaN(error) ? double.PositiveInfinity : error == 0 ? 0 : error / tolerance;
            if (_count == _entries.Length && !(score > _entries[_count - 1].Score))
            {
                return;
            }

            int slot = _count == _entries.Length ? _count - 1 : _count++;
            while (slot > 0 && score > _entries[slot - 1].Score)
            {
                _entries[slot] = _entries[slot - 1];
                slot--;
            }

            _entries[slot] = new Entry(index, analytic, numeric, tolerance, score);
        }

        public readonly GradCheckResult ToResult(nint[] shape)
        {
            var elements = new GradCheckElement[_count];
            for (int i = 0; i < _count; i++)
            {
                Entry entry = _entries[i];
                elements[i] = new GradCheckElement(entry.Index, Position(entry.Index, shape), entry.Analytic, entry.Numeric, entry.Tolerance);
            }

            return new GradCheckResult(shape, _checked, _failed, elements, settings.Epsilon, settings.AbsoluteTolerance, settings.RelativeTolerance);
        }

        private static nint[] Position(nint index, nint[] shape)
        {
            var position = new nint[shape.Length];
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                position[d] = index % shape[d];
                index /= shape[d];
            }

            return position;
        }

        private readonly record struct Entry(nint Index, double Analytic, double Numeric, double Tolerance, double Score);
    }
}
