using System;
using System.Threading;

namespace SymGrad.Kernels;

/// <summary>
/// Runs the blocks of one large loop on two cores: the calling thread and one background helper claim blocks from a
/// shared counter. Each block writes its own result slot, and the caller combines the slots in block order, so the
/// result is the same however the blocks were shared out, and the same as a single-threaded run.
/// </summary>
/// <remarks>
/// The job lives on the caller's stack, and so does the generated kernel the blocks read through; the caller waits
/// in this method until the helper is done, so both stay alive and in place. References inside the kernel are
/// reported to the GC by the caller's frame, and by the helper's frame once loaded. Only one job runs at a time;
/// a second caller meanwhile runs its loop single-threaded.
/// </remarks>
internal static unsafe class BlockParallel
{
    private static readonly Signal Start = new();
    private static readonly Signal Done = new();
    private static Job* current;
    private static int busy;
    private static Thread? helper;

    /// <summary>Whether a loop of <paramref name="blocks"/> blocks should be shared: more than one core, and enough blocks.</summary>
    public static bool Worthwhile(nint blocks) => blocks >= 8 && Environment.ProcessorCount > 1;

    /// <summary>Runs <paramref name="run"/> for every block index in [0, <paramref name="blocks"/>), on two threads when the helper is free.</summary>
    public static void For(int blocks, void* state, delegate*<void*, int, void> run)
    {
        var job = new Job { State = state, Run = run, Blocks = blocks, Next = 0 };
        if (Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            // Another loop holds the helper: run this one here.
            Work(&job);
            return;
        }

        try
        {
            EnsureHelper();
            current = &job;
            Done.Reset();
            Start.Set();
            Work(&job);
            Done.Spin();
            current = null;
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    private static void Work(Job* job)
    {
        int block;
        while ((block = Interlocked.Increment(ref job->Next) - 1) < job->Blocks)
        {
            job->Run(job->State, block);
        }
    }

    private static void EnsureHelper()
    {
        if (helper is not null)
        {
            return;
        }

        helper = new Thread(HelperLoop) { IsBackground = true, Name = "SymGrad loop helper" };
        helper.Start();
    }

    private static void HelperLoop()
    {
        while (true)
        {
            Start.Sleep();
            Start.Reset();
            Job* job = current;
            if (job is not null)
            {
                Work(job);
            }

            Done.Set();
        }
    }

    private struct Job
    {
        public void* State;
        public delegate*<void*, int, void> Run;
        public int Blocks;
        public int Next;
    }

    /// <summary>
    /// A flag one thread sets and another waits for. The helper, waiting for work, spins briefly and then sleeps on a
    /// monitor whose object is made up front; the caller, waiting only for the helper's last block, spins and yields and
    /// never sleeps, so no call allocates (a <see cref="ManualResetEventSlim"/> creates its lock object at the first wait
    /// that blocks, which a busy machine can make any call). A kernel event would do too, but waking a thread through
    /// one costs tens of microseconds here, a third of a loop of a million elements.
    /// </summary>
    private sealed class Signal
    {
        private const int SpinCount = 2000;
        private readonly object gate = new();
        private int set;
        private int sleeping;

        public void Reset() => Volatile.Write(ref set, 0);

        public void Set()
        {
            // Full fences here and in Sleep: a sleeper that saw the flag clear is seen here, and woken.
            Interlocked.Exchange(ref set, 1);
            if (Volatile.Read(ref sleeping) != 0)
            {
                lock (this.gate)
                {
                    Monitor.PulseAll(this.gate);
                }
            }
        }

        /// <summary>Spins, then sleeps until the flag is set. The helper thread waits this way between loops.</summary>
        public void Sleep()
        {
            var spinner = default(SpinWait);
            for (int i = 0; i < SpinCount; i++)
            {
                if (Volatile.Read(ref set) != 0)
                {
                    return;
                }

                spinner.SpinOnce(sleep1Threshold: -1);
            }

            lock (this.gate)
            {
                Interlocked.Exchange(ref sleeping, 1);
                while (Volatile.Read(ref set) == 0)
                {
                    Monitor.Wait(this.gate);
                }

                Volatile.Write(ref sleeping, 0);
            }
        }

        /// <summary>Spins and yields until the flag is set, never sleeping: the caller waits this way for the helper.</summary>
        public void Spin()
        {
            var spinner = default(SpinWait);
            while (Volatile.Read(ref set) == 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
    }
}
