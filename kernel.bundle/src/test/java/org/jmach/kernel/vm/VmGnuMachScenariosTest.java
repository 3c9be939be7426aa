package org.jmach.kernel.vm;

import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_NO_ACCESS;
import static org.jmach.mach.KernReturn.KERN_NO_SPACE;
import static org.jmach.mach.KernReturn.KERN_PROTECTION_FAILURE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.vm.VmInherit.VM_INHERIT_NONE;
import static org.jmach.vm.VmInherit.VM_INHERIT_SHARE;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_DEFAULT;
import static org.jmach.vm.VmProt.VM_PROT_NONE;
import static org.jmach.vm.VmProt.VM_PROT_READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.jmach.hw.internal.SimulatedMachine;
import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.TestMachine;
import org.jmach.kernel.kern.Thread;
import org.jmach.mach.GnumachUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.vm.VmStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The VM routines of mach.defs and gnumach.defs called as a user task calls
 * them, by messages to its task port: GNU Mach's VM scenarios in our own
 * words.
 */
class VmGnuMachScenariosTest {

    static final int PAGE = 4096;

    Startup kernel;
    Task task;
    Thread main;
    MachTraps self;
    MachUser mach;
    int me;

    @BeforeEach
    void boot() {
        kernel = TestMachine.boot(new SimulatedMachine(4, 16L << 20, 100), "test");
        task = kernel.taskCreate("vm-user");
        main = task.threadAttach("main");
        self = main.traps();
        mach = new MachUser(self.mig());
        me = self.machTaskSelf();
    }

    @AfterEach
    void halt() {
        main.detach();
        kernel.shutdown();
    }

    long allocate(long size) {
        long[] a = {0};
        assertEquals(KERN_SUCCESS, mach.vmAllocate(me, a, size, 1));
        return a[0];
    }

    @Test
    void sizeLimits() {
        GnumachUser gnumach = new GnumachUser(self.mig());
        int host = self.machHostSelf();
        assertEquals(KERN_SUCCESS, gnumach.vmSetSizeLimit(host, me, 4 * PAGE, 8 * PAGE));
        long[] cur = {0};
        long[] max = {0};
        assertEquals(KERN_SUCCESS, gnumach.vmGetSizeLimit(me, cur, max));
        assertEquals(4 * PAGE, cur[0]);
        assertEquals(8 * PAGE, max[0]);
        long a = allocate(4 * PAGE);
        long[] more = {0};
        assertEquals(KERN_NO_SPACE, mach.vmAllocate(me, more, PAGE, 1), "past the limit");
        // VM_PROT_NONE mappings do not count: protecting to none frees room.
        assertEquals(KERN_SUCCESS, mach.vmProtect(me, a, 2 * PAGE, 0, VM_PROT_NONE));
        assertEquals(KERN_SUCCESS, mach.vmAllocate(me, more, 2 * PAGE, 1));
        assertEquals(KERN_NO_SPACE, mach.vmProtect(me, a, PAGE, 0, VM_PROT_READ), "back over the limit");
        // Raising the maximum needs host_priv.
        assertEquals(KERN_NO_ACCESS, gnumach.vmSetSizeLimit(host, me, 4 * PAGE, 16 * PAGE));
        int hostPriv = kernel.hostPrivGive(task);
        assertEquals(KERN_SUCCESS, gnumach.vmSetSizeLimit(hostPriv, me, 16 * PAGE, 16 * PAGE));
        assertEquals(KERN_SUCCESS, mach.vmProtect(me, a, PAGE, 0, VM_PROT_READ));
    }

    @Test
    void maximumProtectionOnlyShrinks() {
        long a = allocate(PAGE);
        assertEquals(KERN_SUCCESS, mach.vmProtect(me, a, PAGE, 1, VM_PROT_READ));
        assertEquals(KERN_PROTECTION_FAILURE, mach.vmProtect(me, a, PAGE, 1, VM_PROT_ALL));
        assertEquals(KERN_PROTECTION_FAILURE, mach.vmProtect(me, a, PAGE, 0, VM_PROT_DEFAULT));
        long[] at = {a};
        long[] size = {0};
        int[] prot = {0};
        int[] maxProt = {0};
        int[] inherit = {0};
        int[] shared = {0};
        int[] name = {0};
        long[] offset = {0};
        assertEquals(KERN_SUCCESS, mach.vmRegion(me, at, size, prot, maxProt, inherit, shared, name, offset));
        assertEquals(a, at[0]);
        assertEquals(PAGE, size[0]);
        assertEquals(VM_PROT_READ, prot[0]);
        assertEquals(VM_PROT_READ, maxProt[0]);
    }

    @Test
    void copyOnWriteAfterTaskCreateKeepsEachSidesWrites() throws Exception {
        long shared = allocate(PAGE);
        long copied = allocate(PAGE);
        long hole = allocate(PAGE);
        ExternalMemoryManagerTest.putLong(self, shared, 1);
        ExternalMemoryManagerTest.putLong(self, copied, 2);
        assertEquals(KERN_SUCCESS, mach.vmInherit(me, shared, PAGE, VM_INHERIT_SHARE));
        assertEquals(KERN_SUCCESS, mach.vmInherit(me, hole, PAGE, VM_INHERIT_NONE));
        int[] child = {0};
        assertEquals(KERN_SUCCESS, mach.taskCreate(me, 1, child));
        Task childTask = kernel.tasks().stream().filter(t -> t != task && t.name().contains("vm-user"))
                .findFirst().orElseThrow();
        long[] seen = ExternalMemoryManagerTest.inTask(childTask, t -> {
            long s = ExternalMemoryManagerTest.getLong(t, shared);
            long c = ExternalMemoryManagerTest.getLong(t, copied);
            ExternalMemoryManagerTest.putLong(t, shared, 10);
            ExternalMemoryManagerTest.putLong(t, copied, 20);
            return new long[] {s, c};
        }).get(10, TimeUnit.SECONDS);
        assertEquals(1, seen[0]);
        assertEquals(2, seen[1]);
        assertEquals(10, ExternalMemoryManagerTest.getLong(self, shared), "shared: the child's write shows here");
        assertEquals(2, ExternalMemoryManagerTest.getLong(self, copied), "copied: the child's write stays there");
        ExternalMemoryManagerTest.putLong(self, copied, 3);
        long childSees = ExternalMemoryManagerTest.inTask(childTask,
                t -> ExternalMemoryManagerTest.getLong(t, copied)).get(10, TimeUnit.SECONDS);
        assertEquals(20, childSees, "and the parent's write stays here");
        org.jmach.vm.spi.VmRegion after = childTask.map().region(hole);
        assertTrue(after == null || after.start() > hole, "inheritance none leaves a hole");
    }

    @Test
    void vmWireNeedsHostPrivAndKeepsPagesWired() {
        long a = allocate(2 * PAGE);
        org.jmach.mach.MachHostUser host = new org.jmach.mach.MachHostUser(self.mig());
        assertEquals(org.jmach.mach.KernReturn.KERN_INVALID_HOST,
                host.vmWire(self.machHostSelf(), me, a, 2 * PAGE, VM_PROT_DEFAULT));
        int hostPriv = kernel.hostPrivGive(task);
        assertEquals(KERN_SUCCESS, host.vmWire(hostPriv, me, a, 2 * PAGE, VM_PROT_DEFAULT));
        assertEquals(2, kernel.vm().statistics().wireCount());
        assertEquals(KERN_PROTECTION_FAILURE, host.vmWire(hostPriv, me, a, PAGE, VM_PROT_ALL), "no execute");
        assertEquals(KERN_SUCCESS, host.vmWire(hostPriv, me, a, 2 * PAGE, VM_PROT_NONE));
        assertEquals(0, kernel.vm().statistics().wireCount());
    }

    @Test
    void vmCopyReadAndWrite() {
        long src = allocate(2 * PAGE);
        long dst = allocate(2 * PAGE);
        ExternalMemoryManagerTest.putLong(self, src, 5);
        ExternalMemoryManagerTest.putLong(self, src + PAGE, 6);
        assertEquals(KERN_SUCCESS, mach.vmCopy(me, src, 2 * PAGE, dst));
        ExternalMemoryManagerTest.putLong(self, src, 50);
        assertEquals(5, ExternalMemoryManagerTest.getLong(self, dst));
        assertEquals(6, ExternalMemoryManagerTest.getLong(self, dst + PAGE));
        byte[][] data = {null};
        assertEquals(KERN_SUCCESS, mach.vmRead(me, src, 16, data));
        assertEquals(50, data[0][0]);
        byte[] page = new byte[PAGE];
        page[0] = 9;
        assertEquals(KERN_SUCCESS, mach.vmWrite(me, dst, page));
        assertEquals(9, ExternalMemoryManagerTest.getLong(self, dst));
        assertEquals(KERN_INVALID_ADDRESS, mach.vmCopy(me, src, 2 * PAGE, 0x1000L));
        int[][] stats = {new int[VmStatistics.VM_STATISTICS_COUNT]};
        assertEquals(KERN_SUCCESS, mach.vmStatistics(me, stats));
        VmStatistics s = VmStatistics.fromWords(stats[0]);
        assertEquals(PAGE, s.pagesize());
        assertTrue(s.zeroFillCount() >= 2 && s.cowFaults() >= 1, s.toString());
    }
}
