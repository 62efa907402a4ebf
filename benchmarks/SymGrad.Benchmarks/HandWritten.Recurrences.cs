using System;

namespace SymGrad.Benchmarks;

/// <summary>
/// The RK4 integrator of <see cref="Losses.Rk4DampedOscillator"/> and the LSTM of <see cref="Losses.LstmSequence"/>
/// with their reverse sweeps written by hand, as an expert writes them: the forward loop keeps on the stack what the
/// backward loop reads, and the backward loop runs the steps' adjoints from the last to the first.
/// </summary>
public static partial class HandWritten
{
    private const int Rk4Steps = 20;
    private const double Rk4H = 0.1;

    /// <summary>
    /// RK4 with its reverse sweep. The stages are linear in a step's starting state, so the forward loop keeps only that
    /// state (2 doubles a step, 320 bytes) and the backward loop recomputes the step's stage points from it.
    /// </summary>
    public static double Rk4DampedOscillator(double damping, double x0, double v0, out double ddamping, out double dx0, out double dv0)
    {
        Span<double> states = stackalloc double[2 * Rk4Steps];
        double y0 = x0;
        double y1 = v0;
        for (int step = 0; step < Rk4Steps; step++)
        {
            states[2 * step] = y0;
            states[(2 * step) + 1] = y1;
            Rk4Step(damping, ref y0, ref y1);
        }

        double value = ((y0 - 0.2) * (y0 - 0.2)) + (0.5 * y1 * y1);

        // The adjoint of the state, and of the damping; f(p) = (p1, -p0 - damping p1), so f's transposed Jacobian
        // maps an adjoint (a0, a1) to (-a1, a0 - damping a1) and adds -a1 p1 to the damping's adjoint.
        const double Sixth = Rk4H / 6;
        const double Half = Rk4H / 2;
        double a0 = 2 * (y0 - 0.2);
        double a1 = y1;
        double dampingAdjoint = 0;
        for (int step = Rk4Steps - 1; step >= 0; step--)
        {
            double s0 = states[2 * step];
            double s1 = states[(2 * step) + 1];
            double k10 = s1;
            double k11 = -s0 - (damping * s1);
            double p21 = s1 + (Half * k11);
            double k20 = p21;
            double k21 = -(s0 + (Half * k10)) - (damping * p21);
            double p31 = s1 + (Half * k21);
            double k31 = -(s0 + (Half * k20)) - (damping * p31);
            double p41 = s1 + (Rk4H * k31);

            // y' = s + h/6 (k1 + 2 k2 + 2 k3 + k4): s gets a, k_i gets its weight times h/6 a.
            // k4 = f(p4), p4 = s + h k3.
            double kb0 = Sixth * a0;
            double kb1 = Sixth * a1;
            dampingAdjoint -= kb1 * p41;
            double pb0 = -kb1;
            double pb1 = kb0 - (damping * kb1);
            double sb0 = a0 + pb0;
            double sb1 = a1 + pb1;

            // k3 = f(p3), p3 = s + h/2 k2.
            kb0 = (2 * Sixth * a0) + (Rk4H * pb0);
            kb1 = (2 * Sixth * a1) + (Rk4H * pb1);
            dampingAdjoint -= kb1 * p31;
            pb0 = -kb1;
            pb1 = kb0 - (damping * kb1);
            sb0 += pb0;
            sb1 += pb1;

            // k2 = f(p2), p2 = s + h/2 k1.
            kb0 = (2 * Sixth * a0) + (Half * pb0);
            kb1 = (2 * Sixth * a1) + (Half * pb1);
            dampingAdjoint -= kb1 * p21;
            pb0 = -kb1;
            pb1 = kb0 - (damping * kb1);
            sb0 += pb0;
            sb1 += pb1;

            // k1 = f(s).
            kb0 = (Sixth * a0) + (Half * pb0);
            kb1 = (Sixth * a1) + (Half * pb1);
            dampingAdjoint -= kb1 * s1;
            a0 = sb0 - kb1;
            a1 = sb1 + kb0 - (damping * kb1);
        }

        ddamping = dampingAdjoint;
        dx0 = a0;
        dv0 = a1;
        return value;
    }

    /// <summary>The value alone: the forward loop.</summary>
    public static double Rk4DampedOscillatorValue(double damping, double x0, double v0)
    {
        double y0 = x0;
        double y1 = v0;
        for (int step = 0; step < Rk4Steps; step++)
        {
            Rk4Step(damping, ref y0, ref y1);
        }

        return ((y0 - 0.2) * (y0 - 0.2)) + (0.5 * y1 * y1);
    }

    private static void Rk4Step(double damping, ref double y0, ref double y1)
    {
        const double Half = Rk4H / 2;
        double k10 = y1;
        double k11 = -y0 - (damping * y1);
        double p20 = y0 + (Half * k10);
        double p21 = y1 + (Half * k11);
        double k20 = p21;
        double k21 = -p20 - (damping * p21);
        double p30 = y0 + (Half * k20);
        double p31 = y1 + (Half * k21);
        double k30 = p31;
        double k31 = -p30 - (damping * p31);
        double p40 = y0 + (Rk4H * k30);
        double p41 = y1 + (Rk4H * k31);
        double k40 = p41;
        double k41 = -p40 - (damping * p41);
        y0 += Rk4H / 6 * (k10 + (2 * k20) + (2 * k30) + k40);
        y1 += Rk4H / 6 * (k11 + (2 * k21) + (2 * k31) + k41);
    }

    private const int LstmSteps = 10;
    private const int LstmUnits = 2;
    private const int LstmGates = 4 * LstmUnits;
    private const int LstmRow = LstmUnits + 2;

    /// <summary>
    /// The LSTM with its reverse sweep. The forward loop keeps each step's gates (8 doubles), its cell state and the
    /// cell state's tanh (2 each) and the hidden state it ends with (2): 1,152 bytes on the stack with the initial states.
    /// The backward loop carries the adjoints of h and c from step to step and adds each step's share to the weights'
    /// and the input's gradients.
    /// </summary>
    public static double LstmSequence(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> dw, Span<double> dx)
    {
        if (w.Length != LstmGates * LstmRow || x.Length < LstmSteps || dw.Length != w.Length || dx.Length != x.Length)
        {
            throw new ArgumentException($"w must have {LstmGates * LstmRow} elements and x at least {LstmSteps}; dw and dx their lengths.");
        }

        Span<double> gates = stackalloc double[LstmSteps * LstmGates];
        Span<double> hidden = stackalloc double[(LstmSteps + 1) * LstmUnits];
        Span<double> cells = stackalloc double[(LstmSteps + 1) * LstmUnits];
        Span<double> cellTanh = stackalloc double[LstmSteps * LstmUnits];
        hidden.Slice(0, LstmUnits).Clear();
        cells.Slice(0, LstmUnits).Clear();
        for (int t = 0; t < LstmSteps; t++)
        {
            LstmForwardStep(w, x[t], hidden.Slice(t * LstmUnits), cells.Slice(t * LstmUnits), gates.Slice(t * LstmGates, LstmGates), cellTanh.Slice(t * LstmUnits, LstmUnits));
        }

        double h0 = hidden[LstmSteps * LstmUnits];
        double h1 = hidden[(LstmSteps * LstmUnits) + 1];
        double value = ((h0 - 0.2) * (h0 - 0.2)) + ((h1 + 0.1) * (h1 + 0.1));

        dw.Clear();
        dx.Clear();
        Span<double> hiddenAdjoint = stackalloc double[LstmUnits];
        Span<double> cellAdjoint = stackalloc double[LstmUnits];
        Span<double> preActivationAdjoint = stackalloc double[LstmGates];
        hiddenAdjoint[0] = 2 * (h0 - 0.2);
        hiddenAdjoint[1] = 2 * (h1 + 0.1);
        cellAdjoint.Clear();
        for (int t = LstmSteps - 1; t >= 0; t--)
        {
            ReadOnlySpan<double> g = gates.Slice(t * LstmGates, LstmGates);
            for (int j = 0; j < LstmUnits; j++)
            {
                // h = o tanh(c), c = f c_prev + i g.
                double input = g[j];
                double forget = g[LstmUnits + j];
                double cell = g[(2 * LstmUnits) + j];
                double output = g[(3 * LstmUnits) + j];
                double tc = cellTanh[(t * LstmUnits) + j];
                double hb = hiddenAdjoint[j];
                double cb = cellAdjoint[j] + (hb * output * (1 - (tc * tc)));
                cellAdjoint[j] = cb * forget;
                preActivationAdjoint[j] = cb * cell * input * (1 - input);
                preActivationAdjoint[LstmUnits + j] = cb * cells[(t * LstmUnits) + j] * forget * (1 - forget);
                preActivationAdjoint[(2 * LstmUnits) + j] = cb * input * (1 - (cell * cell));
                preActivationAdjoint[(3 * LstmUnits) + j] = hb * tc * output * (1 - output);
            }

            // z_r = w[r, 0] x_t + w[r, 1..H] · h_prev + w[r, H + 1].
            double xt = x[t];
            double hp0 = hidden[t * LstmUnits];
            double hp1 = hidden[(t * LstmUnits) + 1];
            double xb = 0;
            double hb0 = 0;
            double hb1 = 0;
            for (int r = 0; r < LstmGates; r++)
            {
                double zb = preActivationAdjoint[r];
                int row = r * LstmRow;
                dw[row] += zb * xt;
                dw[row + 1] += zb * hp0;
                dw[row + 2] += zb * hp1;
                dw[row + 3] += zb;
                xb += zb * w[row];
                hb0 += zb * w[row + 1];
                hb1 += zb * w[row + 2];
            }

            dx[t] = xb;
            hiddenAdjoint[0] = hb0;
            hiddenAdjoint[1] = hb1;
        }

        return value;
    }

    /// <summary>The value alone: the forward loop, keeping only the current states.</summary>
    public static double LstmSequenceValue(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
    {
        if (w.Length != LstmGates * LstmRow || x.Length < LstmSteps)
        {
            throw new ArgumentException($"w must have {LstmGates * LstmRow} elements and x at least {LstmSteps}.");
        }

        Span<double> hidden = stackalloc double[2 * LstmUnits];
        Span<double> cells = stackalloc double[2 * LstmUnits];
        Span<double> gates = stackalloc double[LstmGates];
        Span<double> cellTanh = stackalloc double[LstmUnits];
        hidden.Clear();
        cells.Clear();
        for (int t = 0; t < LstmSteps; t++)
        {
            // The step writes the new states after the old ones; they move down for the next step.
            LstmForwardStep(w, x[t], hidden, cells, gates, cellTanh);
            hidden.Slice(LstmUnits).CopyTo(hidden);
            cells.Slice(LstmUnits).CopyTo(cells);
        }

        double h0 = hidden[0];
        double h1 = hidden[1];
        return ((h0 - 0.2) * (h0 - 0.2)) + ((h1 + 0.1) * (h1 + 0.1));
    }

    /// <summary>
    /// One step: reads h_prev from <paramref name="hidden"/>[0..H) and c_prev from <paramref name="cells"/>[0..H), and
    /// writes the gates, h to <paramref name="hidden"/>[H..2H), c to <paramref name="cells"/>[H..2H) and tanh(c).
    /// </summary>
    private static void LstmForwardStep(ReadOnlySpan<double> w, double xt, Span<double> hidden, Span<double> cells, Span<double> gates, Span<double> cellTanh)
    {
        double hp0 = hidden[0];
        double hp1 = hidden[1];
        for (int r = 0; r < LstmGates; r++)
        {
            int row = r * LstmRow;
            double z = (w[row] * xt) + w[row + LstmUnits + 1];
            z += w[row + 1] * hp0;
            z += w[row + 2] * hp1;
            gates[r] = r / LstmUnits == 2 ? Math.Tanh(z) : 1 / (1 + Math.Exp(-z));
        }

        for (int j = 0; j < LstmUnits; j++)
        {
            double c = (gates[LstmUnits + j] * cells[j]) + (gates[j] * gates[(2 * LstmUnits) + j]);
            double tc = Math.Tanh(c);
            cells[LstmUnits + j] = c;
            cellTanh[j] = tc;
            hidden[LstmUnits + j] = gates[(3 * LstmUnits) + j] * tc;
        }
    }
}
