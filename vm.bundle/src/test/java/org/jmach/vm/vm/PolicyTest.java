package org.jmach.vm.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.jmach.vm.spi.PageoutPolicy;
import org.jmach.vm.spi.PageoutPolicy.ResidentPage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pageout policies on their own: order, second chance, and nothing kept after removal. */
class PolicyTest {

    /** A page as a policy sees it. */
    static final class Page implements ResidentPage {
        final int frame;
        boolean referenced;
        Object data;

        Page(int frame) {
            this.frame = frame;
        }

        @Override
        public int frame() {
            return frame;
        }

        @Override
        public boolean testAndClearReference() {
            boolean r = referenced;
            referenced = false;
            return r;
        }

        @Override
        public Object policyData() {
            return data;
        }

        @Override
        public void setPolicyData(Object d) {
            data = d;
        }
    }

    private static PageoutPolicy policy(String name) {
        return name.equals(LruAging.NAME) ? new LruAging() : new FifoSecondChance();
    }

    @ParameterizedTest
    @ValueSource(strings = {FifoSecondChance.NAME, LruAging.NAME})
    void removedPagesAreNeverChosenAndNotKept(String name) {
        PageoutPolicy p = policy(name);
        for (int i = 0; i < 100_000; i++) {
            Page page = new Page(i);
            p.pageIn(page);
            p.remove(page);
        }
        assertNull(p.selectVictim(), "every page was removed");
        Page kept = new Page(7);
        p.pageIn(kept);
        assertSame(kept, p.selectVictim());
        assertNull(p.selectVictim());
    }

    @org.junit.jupiter.api.Test
    void fifoGivesAReferencedPageASecondChance() {
        FifoSecondChance p = new FifoSecondChance();
        Page a = new Page(1);
        Page b = new Page(2);
        p.pageIn(a);
        p.pageIn(b);
        a.referenced = true;
        assertSame(b, p.selectVictim(), "a was referenced: b goes first");
        assertSame(a, p.selectVictim(), "then a, its bit spent");
        assertEquals(false, a.referenced);
    }

    @org.junit.jupiter.api.Test
    void lruAgingTakesTheLeastRecentlyUsed() {
        LruAging p = new LruAging();
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Page page = new Page(i);
            pages.add(page);
            p.pageIn(page);
        }
        pages.get(0).referenced = true;
        pages.get(1).referenced = true;
        pages.get(3).referenced = true;
        assertSame(pages.get(2), p.selectVictim(), "the only page not used lately");
    }
}
