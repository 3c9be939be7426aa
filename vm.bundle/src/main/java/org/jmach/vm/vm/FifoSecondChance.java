package org.jmach.vm.vm;

import java.util.ArrayDeque;

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

    private final ArrayDeque<ResidentPage> queue = new ArrayDeque<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void pageIn(ResidentPage page) {
        page.setPolicyData(Boolean.TRUE);
        queue.addLast(page);
    }

    @Override
    public void remove(ResidentPage page) {
        // Removal from the middle of a deque is linear; mark it and skip it when it comes up.
        page.setPolicyData(null);
    }

    @Override
    public ResidentPage selectVictim() {
        int looked = 0;
        int limit = 2 * queue.size() + 1;
        while (!queue.isEmpty() && looked++ < limit) {
            ResidentPage p = queue.pollFirst();
            if (p.policyData() == null) {
                continue;
            }
            if (p.testAndClearReference()) {
                queue.addLast(p);
                continue;
            }
            p.setPolicyData(null);
            return p;
        }
        return null;
    }
}
