package org.jmach.shell.internal;

import java.util.List;

/**
 * What the default pager says of itself, through {@code default_pager.defs}:
 * which implementation serves and its counters (default_pager_statistics),
 * its paging area's space (default_pager_info) and its objects with the
 * pages each holds (default_pager_objects, default_pager_object_pages).
 *
 * @param taskId the pager's task, as mach:tasks lists it
 * @param statistics page-ins, page-outs, zero fills, objects, pages stored,
 *        records read, records written, the area's generation
 * @param info total space and free space in bytes, page size
 */
record PagerView(int taskId, String implementation, long[] statistics, long[] info, List<ObjectPages> objects) {

    /** One memory object: its port's name in the pager's space, its size, the pages the pager holds. */
    record ObjectPages(long name, long size, int pages) {
    }
}
