package org.jmach.vm.vm;

import java.util.Iterator;
import java.util.LinkedHashSet;

import org.jmach.vm.spi.PageoutPolicy;

/**
 * FIFO with second chance (the clock algorithm): pages in the order they
 * became resident; a victim candidate whose reference bit is set loses the
 * bit and goes to the back of the queue instead (a reactivation).
 *
 * <p>Conditions: called under the VM lock ({@link PageoutPolicy}).
 */
public final class FifoSecondChance implements PageoutPolicy {

    public static final String NAME = "fifo-second-chance";

    /** The queue, oldest first; a page leaves it as soon as it is no candidate. */
    private final LinkedHashSet<ResidentPage> queue = new LinkedHashSet<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void pageIn(ResidentPage page) {
        queue.add(page);
    }

    @Override
    public void remove(ResidentPage page) {
        queue.remove(page);
    }

    @Override
    public ResidentPage selectVictim() {
        // Each page gets one second chance per call: at most two passes over the queue.
        for (int looked = 0, limit = 2 * queue.size(); looked < limit && !queue.isEmpty(); looked++) {
            Iterator<ResidentPage> oldest = queue.iterator();
            ResidentPage p = oldest.next();
            oldest.remove();
            if (p.testAndClearReference()) {
                queue.add(p);
                continue;
            }
            return p;
        }
        return null;
    }
}
