package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;
import static org.jmach.mach.KernReturn.KERN_NO_ACCESS;
import static org.jmach.mach.KernReturn.KERN_NO_SPACE;
import static org.jmach.mach.KernReturn.KERN_PROTECTION_FAILURE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.jmach.vm.VmInherit.VM_INHERIT_COPY;
import static org.jmach.vm.VmInherit.VM_INHERIT_SHARE;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_DEFAULT;
import static org.jmach.vm.VmProt.VM_PROT_READ;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.jmach.mach.GnumachUser;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachUser;
import org.jmach.mach.MemoryObjectIds;
import org.jmach.mach.MigTaskMemory;
import org.jmach.vm.VmStatistics;
import org.jmach.vm.spi.MemoryObjectControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The VM routines of mach.defs and gnumach.defs end to end: a task calls
 * them with the generated stubs on its own task port, the kernel serves
 * them on its address map, and the answers come back as MIG describes
 * (out-of-line data, the name port, the statistics).
 */
class VmRoutinesTest extends IpcTestBase {

    private static final int PAGE = 4096;

    private MachUser mach;
    private long base;

    @BeforeEach
    void memory() {
        mach = self.mach();
        long[] address = new long[1];
        assertEquals(KERN_SUCCESS, mach.vmAllocate(task, address, 4 * PAGE, 1));
        base = address[0];
    }

    @Test
    void writeThenReadGivesTheBytesBack() {
        byte[] page = pattern(3);
        assertEquals(KERN_SUCCESS, mach.vmWrite(task, base + PAGE, page));
        byte[][] data = new byte[1][];
        assertEquals(KERN_SUCCESS, mach.vmRead(task, base + PAGE, PAGE, data));
        assertArrayEquals(page, data[0]);
        byte[] loaded = new byte[PAGE];
        assertEquals(KERN_SUCCESS, self.load(base + PAGE, loaded, 0, PAGE));
        assertArrayEquals(page, loaded);
    }

    @Test
    void copyIsCopyOnWriteEachSideKeepsItsWrites() {
        byte[] page = pattern(5);
        assertEquals(KERN_SUCCESS, mach.vmWrite(task, base, page));
        assertEquals(KERN_SUCCESS, mach.vmCopy(task, base, PAGE, base + 2 * PAGE));
        assertEquals(KERN_SUCCESS, self.store(base, new byte[] {42}, 0, 1));
        byte[][] data = new byte[1][];
        assertEquals(KERN_SUCCESS, mach.vmRead(task, base + 2 * PAGE, PAGE, data));
        assertArrayEquals(page, data[0]);
        assertEquals(KERN_SUCCESS, mach.vmRead(task, base, PAGE, data));
        assertEquals(42, data[0][0]);
    }

    @Test
    void readOnlyMemoryRefusesWritesAndTheMaximumOnlyShrinks() {
        assertEquals(KERN_SUCCESS, mach.vmProtect(task, base, PAGE, 1, VM_PROT_READ));
        assertEquals(KERN_PROTECTION_FAILURE, mach.vmWrite(task, base, pattern(1)));
        assertEquals(KERN_PROTECTION_FAILURE, mach.vmProtect(task, base, PAGE, 0, VM_PROT_DEFAULT));
        assertEquals(KERN_PROTECTION_FAILURE, mach.vmProtect(task, base, PAGE, 1, VM_PROT_ALL));
        assertEquals(KERN_INVALID_ARGUMENT, mach.vmProtect(task, base, PAGE, 0, 0x40));
    }

    @Test
    void regionDescribesTheAllocationAndNamesItsObject() {
        assertEquals(KERN_SUCCESS, mach.vmInherit(task, base, 4 * PAGE, VM_INHERIT_SHARE));
        assertEquals(KERN_SUCCESS, self.store(base, new byte[] {1}, 0, 1));
        long[] address = {base};
        long[] size = new long[1];
        int[] protection = new int[1];
        int[] maxProtection = new int[1];
        int[] inheritance = new int[1];
        int[] shared = new int[1];
        int[] name = new int[1];
        long[] offset = new long[1];
        assertEquals(KERN_SUCCESS,
                mach.vmRegion(task, address, size, protection, maxProtection, inheritance, shared, name, offset));
        assertEquals(base, address[0]);
        assertEquals(4 * PAGE, size[0]);
        assertEquals(VM_PROT_DEFAULT, protection[0]);
        assertEquals(VM_PROT_ALL, maxProtection[0]);
        assertEquals(VM_INHERIT_SHARE, inheritance[0]);
        assertNotEquals(MACH_PORT_NULL, name[0]);
        assertEquals(MACH_PORT_TYPE_SEND, type(name[0]));
        assertEquals(Ipc.IKOT_PAGING_NAME, kernel.ipc().locked(() -> taskA.space().lookup(name[0]).port().kotype));
        assertInstanceOf(MemoryObjectControl.class, kernel.ipc().kobjectForName(taskA.space(), name[0]));
        // The same object, the same name port.
        int first = name[0];
        assertEquals(KERN_SUCCESS,
                mach.vmRegion(task, address, size, protection, maxProtection, inheritance, shared, name, offset));
        assertEquals(first, name[0]);
        address[0] = base + 8 * PAGE + (1L << 40);
        assertEquals(KERN_NO_SPACE,
                mach.vmRegion(task, address, size, protection, maxProtection, inheritance, shared, name, offset));
    }

    @Test
    void statisticsAreThirteenWordsAboutTheHostsPages() {
        int[][] stats = new int[1][];
        assertEquals(KERN_SUCCESS, mach.vmStatistics(task, stats));
        assertEquals(VmStatistics.VM_STATISTICS_COUNT, stats[0].length);
        assertEquals(PAGE, VmStatistics.fromWords(stats[0]).pagesize());
    }

    @Test
    void mapOfNoMemoryObjectIsZeroFillMemory() {
        long[] address = new long[1];
        assertEquals(KERN_SUCCESS, mach.vmMap(task, address, 2 * PAGE, 0, 1, MACH_PORT_NULL, 0, 0, VM_PROT_DEFAULT,
                VM_PROT_ALL, VM_INHERIT_COPY));
        assertNotEquals(0, address[0]);
        byte[] page = new byte[PAGE];
        page[9] = 1;
        assertEquals(KERN_SUCCESS, self.load(address[0] + PAGE, page, 0, PAGE));
        assertEquals(0, page[9]);
        assertEquals(KERN_INVALID_ARGUMENT, mach.vmMap(task, address, 0, 0, 1, MACH_PORT_NULL, 0, 0,
                VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY));
        assertEquals(KERN_INVALID_ARGUMENT, mach.vmMap(task, address, PAGE, 0, 1, MACH_PORT_NULL, 0, 0,
                VM_PROT_DEFAULT, VM_PROT_ALL, 7));
    }

    @Test
    void mapOfAManagersObjectSendsItMemoryObjectInit() {
        int manager = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, manager, manager, MACH_MSG_TYPE_MAKE_SEND));
        long[] address = new long[1];
        assertEquals(KERN_SUCCESS, mach.vmMap(task, address, 4 * PAGE, 0, 1, manager, 0, 0, VM_PROT_DEFAULT,
                VM_PROT_ALL, VM_INHERIT_SHARE));
        MachMessage m = new MachMessage(PAGE);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, PAGE, manager, 5000, 0));
        assertEquals(MemoryObjectIds.MEMORY_OBJECT_INIT, m.msghId());
        MemoryObjectDecoder.Call init = MemoryObjectDecoder.decode(m, new MigTaskMemory(self));
        Object object = kernel.ipc().kobjectForName(taskA.space(), init.intArg(1));
        assertInstanceOf(MemoryObjectControl.class, object);
        assertEquals((long) PAGE, init.longArg(3));
        // vm_region names the same object.
        long[] region = {address[0]};
        int[] name = new int[1];
        assertEquals(KERN_SUCCESS, mach.vmRegion(task, region, new long[1], new int[1], new int[1], new int[1],
                new int[1], name, new long[1]));
        assertSame(object, kernel.ipc().kobjectForName(taskA.space(), name[0]));
    }

    @Test
    void aKernelPortIsNoMemoryObject() {
        long[] address = new long[1];
        assertEquals(KERN_INVALID_ARGUMENT, mach.vmMap(task, address, PAGE, 0, 1, task, 0, 0, VM_PROT_DEFAULT,
                VM_PROT_ALL, VM_INHERIT_COPY));
    }

    @Test
    void sizeLimitsRiseOnlyWithHostPriv() {
        GnumachUser gnumach = new GnumachUser(self);
        long[] current = new long[1];
        long[] maximum = new long[1];
        assertEquals(KERN_SUCCESS, gnumach.vmGetSizeLimit(task, current, maximum));
        int host = self.machHostSelf();
        assertEquals(KERN_SUCCESS, gnumach.vmSetSizeLimit(host, task, 1L << 20, 1L << 24));
        assertEquals(KERN_SUCCESS, gnumach.vmGetSizeLimit(task, current, maximum));
        assertEquals(1L << 20, current[0]);
        assertEquals(1L << 24, maximum[0]);
        assertEquals(KERN_NO_ACCESS, gnumach.vmSetSizeLimit(host, task, 1L << 20, 1L << 25));
        assertEquals(KERN_INVALID_ARGUMENT, gnumach.vmSetSizeLimit(host, task, 1L << 25, 1L << 24));
        assertEquals(KERN_INVALID_HOST, gnumach.vmSetSizeLimit(task, task, 1L << 20, 1L << 24));
        int hostPriv = kernel.hostPrivGive(taskA);
        assertEquals(KERN_SUCCESS, gnumach.vmSetSizeLimit(hostPriv, task, 1L << 20, 1L << 25));
        long[] address = new long[1];
        assertEquals(KERN_NO_SPACE, mach.vmAllocate(task, address, 1L << 21, 1), "past the current limit");
    }

    @Test
    void theDefaultMemoryManagerIsSetWithHostPrivAndComesBack() {
        int hostPriv = kernel.hostPrivGive(taskA);
        int manager = allocateReceive();
        int[] defaultManager = {MACH_PORT_NULL};
        assertEquals(KERN_SUCCESS, mach.vmSetDefaultMemoryManager(hostPriv, defaultManager));
        int before = defaultManager[0];
        defaultManager[0] = manager;
        assertEquals(KERN_SUCCESS, mach.vmSetDefaultMemoryManager(hostPriv, defaultManager));
        assertEquals(before, defaultManager[0], "the previous manager comes back");
        defaultManager[0] = MACH_PORT_NULL;
        assertEquals(KERN_SUCCESS, mach.vmSetDefaultMemoryManager(hostPriv, defaultManager));
        assertEquals(manager, defaultManager[0], "a copy of the current one; it stays");
        assertEquals(MACH_PORT_TYPE_SEND | org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE, type(manager));
        defaultManager[0] = MACH_PORT_NULL;
        assertEquals(KERN_SUCCESS, mach.vmSetDefaultMemoryManager(hostPriv, defaultManager));
        assertEquals(manager, defaultManager[0]);
    }

    private static byte[] pattern(int seed) {
        byte[] b = new byte[PAGE];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }
}
