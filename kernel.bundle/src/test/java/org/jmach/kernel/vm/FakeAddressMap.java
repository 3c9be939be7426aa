package org.jmach.kernel.vm;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import java.util.ArrayList;
import java.util.List;

import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.MapCopy;
import org.jmach.vm.spi.MemoryObjectControl;
import org.jmach.vm.spi.VmRegion;
import org.jmach.vm.spi.VmThread;

/**
 * An address map for tests of the kernel's VM routines: it records each
 * call (routine and arguments) and answers what the test set.
 */
public final class FakeAddressMap implements AddressMap {

    /** One call: the routine's name and its arguments. */
    public record Call(String routine, List<Object> args) {
    }

    public final List<Call> calls = new ArrayList<>();
    public int answer = KERN_SUCCESS;
    public int overwriteAnswer = KERN_SUCCESS;
    /** What copyin gives: its code, and the copy (made of these bytes; null bytes: not at hand). */
    public int copyinAnswer = KERN_SUCCESS;
    public byte[] copyinBytes = new byte[0];
    public final List<FakeMapCopy> copies = new ArrayList<>();
    public final List<MapCopy> overwritten = new ArrayList<>();
    public VmRegion region;
    public long[] limits = {1L << 30, 1L << 40};
    public long mappedAt = 0x10_0000L;

    private int record(String routine, Object... args) {
        calls.add(new Call(routine, java.util.Arrays.asList(args)));
        return answer;
    }

    @Override
    public int allocate(long[] address, long size, boolean anywhere) {
        return record("allocate", address[0], size, anywhere);
    }

    @Override
    public int map(long[] address, long size, long mask, boolean anywhere, MemoryObjectControl object, long offset,
            boolean copy, int curProtection, int maxProtection, int inheritance) {
        int kr = record("map", address[0], size, mask, anywhere, object, offset, copy, curProtection, maxProtection,
                inheritance);
        if (kr == KERN_SUCCESS) {
            address[0] = mappedAt;
        }
        return kr;
    }

    @Override
    public int deallocate(long address, long size) {
        return record("deallocate", address, size);
    }

    @Override
    public int protect(long address, long size, boolean setMaximum, int newProtection) {
        return record("protect", address, size, setMaximum, newProtection);
    }

    @Override
    public int inherit(long address, long size, int inheritance) {
        return record("inherit", address, size, inheritance);
    }

    @Override
    public int wire(long address, long size, int access) {
        return record("wire", address, size, access);
    }

    @Override
    public void keepReceivedResident() {
        record("keepReceivedResident", 0, 0, 0);
    }

    @Override
    public int copyin(long address, long size, boolean deallocate, MapCopy[] copy) {
        record("copyin", address, size, deallocate);
        if (copyinAnswer == KERN_SUCCESS) {
            FakeMapCopy c = new FakeMapCopy(copyinBytes, size);
            copies.add(c);
            copy[0] = c;
        }
        return copyinAnswer;
    }

    @Override
    public int copyout(MapCopy copy, long[] address) {
        return record("copyout", copy);
    }

    @Override
    public int overwrite(long address, MapCopy copy) {
        record("overwrite", address, copy);
        if (overwriteAnswer == KERN_SUCCESS) {
            overwritten.add(copy);
        }
        return overwriteAnswer;
    }

    @Override
    public VmRegion region(long address) {
        record("region", address);
        return region;
    }

    @Override
    public List<VmRegion> regions() {
        return region == null ? List.of() : List.of(region);
    }

    @Override
    public AddressMap fork() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int setSizeLimit(long current, long maximum, boolean privileged) {
        return record("setSizeLimit", current, maximum, privileged);
    }

    @Override
    public long[] sizeLimit() {
        return limits.clone();
    }

    @Override
    public long virtualSize() {
        return 0;
    }

    @Override
    public long accountedSize() {
        return 0;
    }

    @Override
    public int residentPages() {
        return 0;
    }

    @Override
    public int load(long address, byte[] dst, int offset, int length, VmThread thread) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int store(long address, byte[] src, int offset, int length, VmThread thread) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void destroy() {
        record("destroy");
    }
}
