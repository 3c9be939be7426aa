/**
 * The default pager's paging area on a block device: the on-disk layout,
 * its allocation map and the check at boot, and how pages are encoded.
 * Private to each pager bundle that embeds it, so it depends on nothing but
 * the JDK: two pager implementations carry their own copy and read each
 * other's areas. See {@link org.jmach.pager.area.PagingArea} and
 * docs/pager.md, "Paging area on disk".
 */
package org.jmach.pager.area;
