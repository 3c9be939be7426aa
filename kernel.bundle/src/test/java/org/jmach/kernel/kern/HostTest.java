package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmach.hw.Machine;
import org.jmach.hw.PhysicalMemory;
import org.jmach.mach.CpuType;
import org.jmach.mach.HostBasicInfo;
import org.jmach.mach.HostInfo;
import org.jmach.mach.HostSchedInfo;
import org.junit.jupiter.api.Test;

class HostTest {

    private final Startup kernel = TestMachine.boot(machine(2, 64L << 20, 100), "jmach test");
    private final Host host = kernel.host();

    @Test
    void basicInfoDescribesTheMachine() {
        int[] info = new int[HostInfo.HOST_INFO_MAX];
        int[] count = {info.length};
        assertEquals(KERN_SUCCESS, host.hostInfo(HostInfo.HOST_BASIC_INFO, info, count));
        assertEquals(HostInfo.HOST_BASIC_INFO_COUNT, count[0]);
        HostBasicInfo basic = HostBasicInfo.decode(info);
        assertEquals(new HostBasicInfo(2, 2, 67_108_864L, CpuType.CPU_TYPE_RISCV64,
                CpuType.CPU_SUBTYPE_RISCV64_RV64GC), basic);
    }

    @Test
    void memorySizeAbove4GiBUsesBothWordsLowFirst() {
        Host big = TestMachine.boot(machine(1, 6L << 30, 100), "v").host();
        int[] info = new int[HostInfo.HOST_BASIC_INFO_COUNT];
        int[] count = {info.length};
        assertEquals(KERN_SUCCESS, big.hostInfo(HostInfo.HOST_BASIC_INFO, info, count));
        assertEquals(0x8000_0000, info[2]);
        assertEquals(1, info[3]);
        assertEquals(6L << 30, HostBasicInfo.decode(info).memorySize());
    }

    @Test
    void schedInfoIsTheTickAndTenQuantaASecond() {
        int[] info = new int[HostInfo.HOST_SCHED_INFO_COUNT];
        int[] count = {info.length};
        assertEquals(KERN_SUCCESS, host.hostInfo(HostInfo.HOST_SCHED_INFO, info, count));
        assertEquals(new HostSchedInfo(10, 100), HostSchedInfo.decode(info));

        Host fast = TestMachine.boot(machine(1, 4096, 1000), "v").host();
        assertEquals(KERN_SUCCESS, fast.hostInfo(HostInfo.HOST_SCHED_INFO, info, count));
        assertEquals(new HostSchedInfo(1, 100), HostSchedInfo.decode(info));
    }

    @Test
    void processorSlotsListEveryAvailableProcessor() {
        int[] info = new int[8];
        int[] count = {8};
        assertEquals(KERN_SUCCESS, host.hostInfo(HostInfo.HOST_PROCESSOR_SLOTS, info, count));
        assertEquals(2, count[0]);
        assertArrayEquals(new int[] {0, 1}, java.util.Arrays.copyOf(info, 2));
    }

    @Test
    void countTooSmallForTheFlavorIsKernFailureAndLeavesCountAlone() {
        int[] info = new int[HostInfo.HOST_BASIC_INFO_COUNT];
        int[] count = {HostInfo.HOST_BASIC_INFO_COUNT - 1};
        assertEquals(KERN_FAILURE, host.hostInfo(HostInfo.HOST_BASIC_INFO, info, count));
        assertEquals(HostInfo.HOST_BASIC_INFO_COUNT - 1, count[0]);
        int[] one = {1};
        assertEquals(KERN_FAILURE, host.hostInfo(HostInfo.HOST_SCHED_INFO, info, one));
        assertEquals(KERN_FAILURE, host.hostInfo(HostInfo.HOST_PROCESSOR_SLOTS, info, one));
    }

    @Test
    void unknownFlavorAndBadArraysAreInvalidArgument() {
        int[] info = new int[16];
        assertEquals(KERN_INVALID_ARGUMENT, host.hostInfo(99, info, new int[] {16}));
        assertEquals(KERN_INVALID_ARGUMENT, host.hostInfo(HostInfo.HOST_LOAD_INFO, info, new int[] {16}));
        assertEquals(KERN_INVALID_ARGUMENT, host.hostInfo(HostInfo.HOST_BASIC_INFO, info, new int[] {17}));
        assertEquals(KERN_INVALID_ARGUMENT, host.hostInfo(HostInfo.HOST_BASIC_INFO, info, new int[] {-1}));
        assertEquals(KERN_INVALID_ARGUMENT, host.hostInfo(HostInfo.HOST_BASIC_INFO, null, new int[] {6}));
        assertEquals(KERN_INVALID_ARGUMENT, host.hostInfo(HostInfo.HOST_BASIC_INFO, info, new int[0]));
        assertEquals(KERN_INVALID_ARGUMENT, host.hostKernelVersion(new String[0]));
    }

    @Test
    void kernelVersionIsReturned() {
        String[] version = new String[1];
        assertEquals(KERN_SUCCESS, host.hostKernelVersion(version));
        assertEquals("jmach test", version[0]);
    }

    @Test
    void afterShutdownEveryHostRoutineIsInvalidHost() {
        kernel.shutdown();
        assertFalse(kernel.kernelTask().isActive());
        int[] info = new int[HostInfo.HOST_BASIC_INFO_COUNT];
        assertEquals(KERN_INVALID_HOST,
                host.hostInfo(HostInfo.HOST_BASIC_INFO, info, new int[] {info.length}));
        assertEquals(KERN_INVALID_HOST, host.hostKernelVersion(new String[1]));
        kernel.shutdown();
        assertFalse(host.isActive());
    }

    @Test
    void bootCreatesAnActiveKernelTask() {
        assertTrue(kernel.kernelTask().isActive());
        assertEquals(Startup.KERNEL_TASK_NAME, kernel.kernelTask().name());
    }

    @Test
    void versionStringFitsAKernelVersionT() {
        String version = KernelVersion.of("x".repeat(1000));
        assertEquals(HostInfo.KERNEL_VERSION_MAX - 1, version.length());
        assertTrue(KernelVersion.of("0.1.0").startsWith("jmach 0.1.0 (Mach 3.0"));
    }

    static Machine machine(int processors, long memorySize, int hz) {
        return new org.jmach.hw.internal.SimulatedMachine(processors, memorySize, hz);
    }
}
