package org.jmach.pager.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a pager counts while it serves, for default_pager_statistics and the
 * console. Counters belong to one attachment; the paging area's own
 * counters (in its header on disk) carry totals across swaps.
 */
final class PagerCounters {

    /** data_request answered with a page from the paging area. */
    final AtomicLong pageins = new AtomicLong();
    /** data_return and data_initialize written to the paging area. */
    final AtomicLong pageouts = new AtomicLong();
    /** data_request for a page never written: answered data_unavailable (zero fill). */
    final AtomicLong zeroFills = new AtomicLong();
    /** Records moved by device_read and device_write. */
    final AtomicLong recordsRead = new AtomicLong();
    final AtomicLong recordsWritten = new AtomicLong();
    /** Pages the area could not store, given back to the kernel to keep. */
    final AtomicLong writeFailures = new AtomicLong();
}
