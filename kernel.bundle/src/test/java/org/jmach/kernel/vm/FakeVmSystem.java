package org.jmach.kernel.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jmach.vm.VmStatistics;
import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.MapCopy;
import org.jmach.vm.spi.MemoryObjectControl;
import org.jmach.vm.spi.PageoutPolicy;
import org.jmach.vm.spi.VmObjectSummary;
import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.spi.VmThread;

/**
 * A VM system for tests of the kernel's side that need no VM: it records
 * managerDied (and runs {@link #onManagerDied}), keeps a default pager
 * handle, makes {@link FakeMapCopy} copies, and refuses the rest.
 */
public final class FakeVmSystem implements VmSystem {

    public final List<Object> deadManagers = new ArrayList<>();
    public Consumer<Object> onManagerDied = pager -> { };
    public final List<FakeMapCopy> copies = new ArrayList<>();
    public Object defaultPager;
    public final List<Object> pagersEntered = new ArrayList<>();
    public MemoryObjectControl objectForPagers;

    public final List<MemoryObjectControl> deallocated = new ArrayList<>();

    @Override
    public void objectDeallocate(MemoryObjectControl object) {
        deallocated.add(object);
    }

    @Override
    public void managerDied(Object pager) {
        deadManagers.add(pager);
        onManagerDied.accept(pager);
    }

    @Override
    public MapCopy copyFromBytes(byte[] data) {
        FakeMapCopy copy = new FakeMapCopy(data, data.length);
        copies.add(copy);
        return copy;
    }

    @Override
    public VmStatistics statistics() {
        return new VmStatistics(4096, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Override
    public Object setDefaultPager(Object pager) {
        Object previous = defaultPager;
        if (pager != null) {
            defaultPager = pager;
        }
        return previous;
    }

    @Override
    public MemoryObjectControl objectForPager(Object pager, long size) {
        pagersEntered.add(pager);
        return objectForPagers;
    }

    @Override
    public AddressMap mapCreate() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void pageoutDaemon(VmThread self) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setPageoutPolicy(PageoutPolicy policy) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String pageoutPolicyName() {
        return "none";
    }

    @Override
    public List<VmObjectSummary> objects() {
        return List.of();
    }

    @Override
    public void shutdown() {
    }
}
