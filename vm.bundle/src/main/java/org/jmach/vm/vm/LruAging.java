package org.jmach.vm.vm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.jmach.vm.spi.PageoutPolicy;

/**
 * An LRU approximation by aging: each page has an 8-bit age; every sweep
 * shifts it right and puts the reference bit (then cleared) in its top
 * bit, so the age orders pages by how recently they were used in the last
 * eight sweeps. The victims are the pages of least age, a batch at a time.
 *
 * <p>Conditions: called under the VM lock ({@link PageoutPolicy}).
 */
public final class LruAging implements PageoutPolicy {

    public static final String NAME = "lru-aging";
    /** Victims chosen per sweep. */
    private static final int BATCH = 32;

    private final LinkedHashSet<ResidentPage> pages = new LinkedHashSet<>();
    private final List<ResidentPage> batch = new ArrayList<>();

    /** A page's age. */
    private static final class Age {
        int value = 0x80;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void pageIn(ResidentPage page) {
        page.setPolicyData(new Age());
        pages.add(page);
    }

    @Override
    public void remove(ResidentPage page) {
        pages.remove(page);
        page.setPolicyData(null);
    }

    @Override
    public ResidentPage selectVictim() {
        while (!batch.isEmpty()) {
            ResidentPage p = batch.remove(batch.size() - 1);
            if (p.policyData() != null && pages.remove(p)) {
                p.setPolicyData(null);
                return p;
            }
        }
        if (pages.isEmpty()) {
            return null;
        }
        sweep();
        return selectVictim();
    }

    /** Ages every page and takes the youngest-used as the next batch, oldest last. */
    private void sweep() {
        List<ResidentPage> all = new ArrayList<>(pages);
        for (ResidentPage p : all) {
            Age a = (Age) p.policyData();
            a.value = (a.value >>> 1) | (p.testAndClearReference() ? 0x80 : 0);
        }
        all.sort((x, y) -> Integer.compare(((Age) y.policyData()).value, ((Age) x.policyData()).value));
        batch.addAll(all.subList(Math.max(0, all.size() - BATCH), all.size()));
    }
}
