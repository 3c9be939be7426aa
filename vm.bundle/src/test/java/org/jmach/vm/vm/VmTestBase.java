package org.jmach.vm.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jmach.hw.internal.SimulatedMachine;
import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.VmThread;
import org.junit.jupiter.api.AfterEach;

/** A VM system on test memory, with a thread that may wait, and helpers to read and write longs. */
abstract class VmTestBase {

    static final int PAGE = VmResident.PAGE;

    TestChannel channel = new TestChannel();
    Vm vm;
    Thread daemon;

    static final VmThread THREAD = new VmThread() {
        @Override
        public void blockBegin() {
        }

        @Override
        public void blockEnd() {
        }
    };

    static final VmThread PRIVILEGED = new VmThread() {
        @Override
        public void blockBegin() {
        }

        @Override
        public void blockEnd() {
        }

        @Override
        public boolean privileged() {
            return true;
        }
    };

    Vm boot(int frames) {
        vm = new Vm(new SimulatedMachine(1, (long) frames * PAGE, 100).physicalMemory(), channel);
        return vm;
    }

    /** Starts the pageout daemon on a Java thread of its own. */
    void startDaemon() {
        daemon = new Thread(() -> vm.pageoutDaemon(PRIVILEGED), "vm pageout (test)");
        daemon.setDaemon(true);
        daemon.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (vm != null) {
            vm.shutdown();
        }
        if (daemon != null) {
            daemon.join(5000);
        }
    }

    static long alloc(AddressMap map, long size) {
        long[] a = {0};
        assertEquals(0, map.allocate(a, size, true));
        return a[0];
    }

    static void putLong(AddressMap map, long address, long value) {
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        assertEquals(0, map.store(address, b, 0, 8, THREAD), "store at " + Long.toHexString(address));
    }

    static long getLong(AddressMap map, long address) {
        byte[] b = new byte[8];
        assertEquals(0, map.load(address, b, 0, 8, THREAD), "load at " + Long.toHexString(address));
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
