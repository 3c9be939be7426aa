package org.jmach.kernel.vm;

import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;
import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_MEMORY_FAILURE;
import static org.jmach.mach.KernReturn.KERN_NO_SPACE;
import static org.jmach.mach.KernReturn.KERN_PROTECTION_FAILURE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jmach.kernel.ipc.Ipc;
import org.jmach.vm.VmInherit;
import org.jmach.vm.VmProt;
import org.jmach.vm.VmStatistics;
import org.jmach.vm.spi.VmThread;
import org.junit.jupiter.api.Test;

/**
 * The VM routines of mach.defs and gnumach.defs as thin translations (GNU
 * Mach's vm/vm_user.c): GNU Mach's argument checks and return codes, then
 * the map's call with the arguments unchanged and its answer passed back;
 * copies discarded exactly when the routine does not hand them on.
 */
class VmUserRoutinesTest {

    private final FakeAddressMap map = new FakeAddressMap();
    private final FakeVmSystem vm = new FakeVmSystem();

    @Test
    void noMapIsInvalidArgumentForTheVmRoutinesAndInvalidTaskForTheSizeLimits() {
        assertEquals(KERN_INVALID_ARGUMENT, VmUserRoutines.vmProtect(null, 0x1000, 4096, false, 1));
        assertEquals(KERN_INVALID_ARGUMENT, VmUserRoutines.vmInherit(null, 0x1000, 4096, 0));
        assertEquals(KERN_INVALID_ARGUMENT, VmUserRoutines.vmRead(null, 0x1000, 4096, new byte[1][]));
        assertEquals(KERN_INVALID_ARGUMENT, VmUserRoutines.vmWrite(vm, null, 0x1000, new byte[4096]));
        assertEquals(KERN_INVALID_ARGUMENT, VmUserRoutines.vmCopy(null, 0x1000, 4096, 0x2000));
        assertEquals(KERN_INVALID_ARGUMENT, VmUserRoutines.vmStatistics(vm, null, new int[1][]));
        assertEquals(KERN_INVALID_TASK, VmUserRoutines.vmSetSizeLimit(Ipc.IKOT_HOST_PRIV, null, 1, 2));
        assertEquals(KERN_INVALID_TASK, VmUserRoutines.vmGetSizeLimit(null, new long[1], new long[1]));
        assertTrue(vm.copies.isEmpty());
    }

    @Test
    void protectPassesTheRangeAndAnswersWithTheMapsCode() {
        assertEquals(KERN_SUCCESS, VmUserRoutines.vmProtect(map, 0x3000, 8192, true, VmProt.VM_PROT_READ));
        assertEquals(List.of(0x3000L, 8192L, true, VmProt.VM_PROT_READ), map.calls.get(0).args());
        map.answer = KERN_PROTECTION_FAILURE;
        assertEquals(KERN_PROTECTION_FAILURE,
                VmUserRoutines.vmProtect(map, 0x3000, 8192, false, VmProt.VM_PROT_ALL | VmProt.VM_PROT_NOTIFY));
    }

    @Test
    void protectionBitsOutsideAllAndNotifyAreRefusedBeforeTheMap() {
        assertEquals(KERN_INVALID_ARGUMENT, VmUserRoutines.vmProtect(map, 0x3000, 4096, false, 0x20));
        assertEquals(KERN_INVALID_ARGUMENT,
                VmUserRoutines.vmProtect(map, 0x3000, 4096, false, VmProt.VM_PROT_NO_CHANGE));
        assertTrue(map.calls.isEmpty());
    }

    @Test
    void inheritTakesShareCopyAndNoneOnly() {
        for (int inheritance : new int[] {VmInherit.VM_INHERIT_SHARE, VmInherit.VM_INHERIT_COPY,
            VmInherit.VM_INHERIT_NONE}) {
            assertEquals(KERN_SUCCESS, VmUserRoutines.vmInherit(map, 0x1000, 4096, inheritance));
        }
        assertEquals(3, map.calls.size());
        assertEquals(KERN_INVALID_ARGUMENT,
                VmUserRoutines.vmInherit(map, 0x1000, 4096, VmInherit.VM_INHERIT_DONATE_COPY));
        assertEquals(KERN_INVALID_ARGUMENT, VmUserRoutines.vmInherit(map, 0x1000, 4096, -1));
        assertEquals(3, map.calls.size());
    }

    @Test
    void readGivesTheCopysBytesReadWithoutWaitingAndDiscardsTheCopy() {
        map.copyinBytes = new byte[] {1, 2, 3, 4};
        byte[][] data = new byte[1][];
        assertEquals(KERN_SUCCESS, VmUserRoutines.vmRead(map, 0x5000, 4, data));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, data[0]);
        assertEquals(List.of(0x5000L, 4L, false), map.calls.get(0).args(), "copyin without deallocate");
        FakeMapCopy copy = map.copies.get(0);
        assertSame(VmThread.NO_WAIT, copy.readBy);
        assertTrue(copy.discarded);
    }

    @Test
    void readOfDataNotAtHandIsMemoryFailureForNow() {
        map.copyinBytes = null;
        byte[][] data = new byte[1][];
        assertEquals(KERN_MEMORY_FAILURE, VmUserRoutines.vmRead(map, 0x5000, 4096, data));
        assertTrue(map.copies.get(0).discarded);
    }

    @Test
    void readOfAnUnmappedRangeIsTheCopyinsCode() {
        map.copyinAnswer = KERN_INVALID_ADDRESS;
        assertEquals(KERN_INVALID_ADDRESS, VmUserRoutines.vmRead(map, 0x5000, 4096, new byte[1][]));
        map.copyinAnswer = KERN_PROTECTION_FAILURE;
        assertEquals(KERN_PROTECTION_FAILURE, VmUserRoutines.vmRead(map, 0x5000, 4096, new byte[1][]));
        assertTrue(map.copies.isEmpty());
    }

    @Test
    void writeOverwritesWithACopyOfTheBytesWhichAFailureDiscards() {
        byte[] bytes = new byte[4096];
        bytes[7] = 42;
        assertEquals(KERN_SUCCESS, VmUserRoutines.vmWrite(vm, map, 0x8000, bytes));
        FakeMapCopy written = vm.copies.get(0);
        assertEquals(List.of(0x8000L, written), map.calls.get(0).args());
        assertEquals(42, written.read(VmThread.NO_WAIT)[7]);
        assertFalse(written.discarded, "overwrite consumed it");

        map.overwriteAnswer = KERN_PROTECTION_FAILURE;
        assertEquals(KERN_PROTECTION_FAILURE, VmUserRoutines.vmWrite(vm, map, 0x8000, bytes));
        assertTrue(vm.copies.get(1).discarded);
    }

    @Test
    void copyIsCopyinThenOverwriteOfTheSameMap() {
        assertEquals(KERN_SUCCESS, VmUserRoutines.vmCopy(map, 0x1000, 8192, 0x9000));
        assertEquals("copyin", map.calls.get(0).routine());
        assertEquals(List.of(0x1000L, 8192L, false), map.calls.get(0).args());
        assertEquals(List.of(0x9000L, map.copies.get(0)), map.calls.get(1).args());
        assertFalse(map.copies.get(0).discarded);

        map.overwriteAnswer = KERN_INVALID_ADDRESS;
        assertEquals(KERN_INVALID_ADDRESS, VmUserRoutines.vmCopy(map, 0x1000, 8192, 0x9000));
        assertTrue(map.copies.get(1).discarded);

        map.copyinAnswer = KERN_PROTECTION_FAILURE;
        int calls = map.calls.size();
        assertEquals(KERN_PROTECTION_FAILURE, VmUserRoutines.vmCopy(map, 0x1000, 8192, 0x9000));
        assertEquals(calls + 1, map.calls.size(), "no overwrite after a failed copyin");
    }

    @Test
    void statisticsAreTheThirteenWordsOfTheHost() {
        int[][] stats = new int[1][];
        assertEquals(KERN_SUCCESS, VmUserRoutines.vmStatistics(vm, map, stats));
        assertEquals(VmStatistics.VM_STATISTICS_COUNT, stats[0].length);
        assertEquals(4096, stats[0][0], "pagesize first");
        assertEquals(12, stats[0][12]);
    }

    @Test
    void sizeLimitChecksInGnuMachsOrderAndOnlyHostPrivMayRaise() {
        // current > maximum (unsigned) comes first, then the map, then the host.
        assertEquals(KERN_INVALID_ARGUMENT, VmUserRoutines.vmSetSizeLimit(Ipc.IKOT_NONE, null, 2, 1));
        assertEquals(KERN_INVALID_TASK, VmUserRoutines.vmSetSizeLimit(Ipc.IKOT_NONE, null, 1, 2));
        assertEquals(KERN_INVALID_HOST, VmUserRoutines.vmSetSizeLimit(Ipc.IKOT_TASK, map, 1, 2));
        assertEquals(KERN_INVALID_ARGUMENT, VmUserRoutines.vmSetSizeLimit(Ipc.IKOT_HOST, map, -1L, 2));
        assertTrue(map.calls.isEmpty());

        assertEquals(KERN_SUCCESS, VmUserRoutines.vmSetSizeLimit(Ipc.IKOT_HOST, map, 1, -1L));
        assertEquals(List.of(1L, -1L, false), map.calls.get(0).args());
        assertEquals(KERN_SUCCESS, VmUserRoutines.vmSetSizeLimit(Ipc.IKOT_HOST_PRIV, map, 1, 2));
        assertEquals(List.of(1L, 2L, true), map.calls.get(1).args());
    }

    @Test
    void getSizeLimitGivesTheMapsLimits() {
        long[] current = new long[1];
        long[] maximum = new long[1];
        assertEquals(KERN_SUCCESS, VmUserRoutines.vmGetSizeLimit(map, current, maximum));
        assertEquals(1L << 30, current[0]);
        assertEquals(1L << 40, maximum[0]);
    }

    @Test
    void regionAnswersNoSpaceWhenNothingLiesAbove() {
        map.region = null;
        assertEquals(KERN_NO_SPACE, VmUserRoutines.vmRegion(null, null, map, new long[] {0x1000}, new long[1],
                new int[1], new int[1], new int[1], new int[1], new int[1], new long[1]));
    }
}
