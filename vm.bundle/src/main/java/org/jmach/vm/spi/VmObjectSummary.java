package org.jmach.vm.spi;

/**
 * One VM object, for consoles.
 *
 * @param id its number
 * @param size its size in bytes
 * @param references address map entries and copies holding it
 * @param residentPages its resident pages
 * @param shadowId the object it shadows (0 for none)
 * @param internal whether it is anonymous memory (paged by the default manager)
 * @param pagerState "none", "external", "default" or "dead"
 * @param copyStrategy MEMORY_OBJECT_COPY_*
 */
public record VmObjectSummary(int id, long size, int references, int residentPages, int shadowId,
        boolean internal, String pagerState, int copyStrategy) {
}
