using System;

namespace SymGrad.Tests;

/// <summary>Measures what warm calls allocate on the calling thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// The runtime sometimes allocates on the calling thread after warm-up (on-stack replacement of a long loop, a late
    /// tier-up, the first wait of a worker), and that counts against the thread. It happens once; an allocation of the
    /// code under test happens in every window. So a window that saw allocations is measured again, up to this many times.
    /// </summary>
    private const int Windows = 3;

    /// <summary>The fewest bytes the calling thread allocated in one run of <paramref name="calls"/>, over up to <see cref="Windows"/> runs.</summary>
    internal static long FewestBytes(Action calls)
    {
        long fewest = long.MaxValue;
        for (int window = 0; window < Windows && fewest > 0; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            calls();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
