package org.jmach.vm;

/**
 * vm_statistics_data_t ({@code mach/vm_statistics.h}): thirteen integers,
 * in this order, in the reply of vm_statistics (mach.defs 2030). Counts of
 * pages are in pages of {@link #pagesize} bytes.
 *
 * @param pagesize the page size in bytes
 * @param freeCount free page frames
 * @param activeCount pages on the active queue
 * @param inactiveCount pages on the inactive queue
 * @param wireCount wired pages
 * @param zeroFillCount zero-fill faults since boot
 * @param reactivations inactive pages found referenced again
 * @param pageins pages read from their managers
 * @param pageouts pages written to their managers
 * @param faults faults since boot
 * @param cowFaults copy-on-write faults since boot
 * @param lookups object cache lookups
 * @param hits object cache hits
 */
public record VmStatistics(int pagesize, int freeCount, int activeCount, int inactiveCount, int wireCount,
        int zeroFillCount, int reactivations, int pageins, int pageouts, int faults, int cowFaults, int lookups,
        int hits) {

    /** Its size in integer_t words (VM_STATISTICS_COUNT). */
    public static final int VM_STATISTICS_COUNT = 13;

    /** The record as the thirteen integers of the message, in Mach's order. */
    public int[] toWords() {
        return new int[] {pagesize, freeCount, activeCount, inactiveCount, wireCount, zeroFillCount,
            reactivations, pageins, pageouts, faults, cowFaults, lookups, hits};
    }

    /** The record read back from thirteen integers. */
    public static VmStatistics fromWords(int[] w) {
        return new VmStatistics(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], w[10], w[11], w[12]);
    }
}
