package org.jmach.pager.area;

import java.util.List;

/**
 * What {@link PagingArea#open} found on the disk: the check at boot and at
 * every attach after a swap.
 *
 * @param formatted     no usable header was found (a new disk, another format,
 *                      or a header for another geometry) and a fresh area was
 *                      written
 * @param consistent    the map was read and passed every check; when false,
 *                      {@code errors} says why and the area started from an
 *                      empty map (nothing is written until the next
 *                      {@link PagingArea#markInUse} or {@link PagingArea#sync})
 * @param previousClean the header said its last user detached with
 *                      {@code sync(true)}; false when there was no header, or
 *                      when it was left in use (a crash, a kill): the map is
 *                      then as of the last sync and may be stale
 * @param generation    the header's generation (how many times the area was
 *                      marked in use), 0 on a fresh area
 * @param objects       objects in the map now in use
 * @param pages         pages in the map now in use
 * @param recordsUsed   data records those pages take
 * @param errors        each problem found, in words; empty when none
 */
public record CheckReport(boolean formatted, boolean consistent, boolean previousClean, long generation,
                          int objects, long pages, long recordsUsed, List<String> errors) {

    public CheckReport {
        errors = List.copyOf(errors);
    }

    /** One line for a console or a log. */
    @Override
    public String toString() {
        String state = formatted ? "formatted" : consistent ? "consistent" : "INCONSISTENT, started empty";
        return "paging area " + state + (formatted ? "" : previousClean ? ", clean" : ", NOT clean")
                + ", generation " + generation + ", " + objects + " objects, " + pages + " pages in "
                + recordsUsed + " records" + (errors.isEmpty() ? "" : ": " + String.join("; ", errors));
    }
}
