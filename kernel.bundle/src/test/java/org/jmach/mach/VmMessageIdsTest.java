package org.jmach.mach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The message ids of the VM and memory object routines are GNU Mach's:
 * mach.defs (2000), gnumach.defs (4200), memory_object.defs (2200) and
 * memory_object_default.defs (2250), as MIG numbers them from each
 * subsystem's base, skips included.
 */
class VmMessageIdsTest {

    @Test
    void machDefsVmRoutines() {
        assertEquals(2021, MachIds.VM_ALLOCATE);
        assertEquals(2023, MachIds.VM_DEALLOCATE);
        assertEquals(2024, MachIds.VM_PROTECT);
        assertEquals(2025, MachIds.VM_INHERIT);
        assertEquals(2026, MachIds.VM_READ);
        assertEquals(2027, MachIds.VM_WRITE);
        assertEquals(2028, MachIds.VM_COPY);
        assertEquals(2029, MachIds.VM_REGION);
        assertEquals(2030, MachIds.VM_STATISTICS);
        assertEquals(2089, MachIds.VM_MAP);
    }

    @Test
    void machDefsMemoryObjectControlRoutines() {
        assertEquals(2039, MachIds.MEMORY_OBJECT_DATA_UNAVAILABLE);
        assertEquals(2040, MachIds.MEMORY_OBJECT_GET_ATTRIBUTES);
        assertEquals(2041, MachIds.VM_SET_DEFAULT_MEMORY_MANAGER);
        assertEquals(2044, MachIds.MEMORY_OBJECT_LOCK_REQUEST);
        assertEquals(2090, MachIds.MEMORY_OBJECT_DATA_ERROR);
        assertEquals(2091, MachIds.MEMORY_OBJECT_SET_ATTRIBUTES);
        assertEquals(2092, MachIds.MEMORY_OBJECT_DESTROY);
        assertEquals(2093, MachIds.MEMORY_OBJECT_DATA_SUPPLY);
        assertEquals(2094, MachIds.MEMORY_OBJECT_READY);
        assertEquals(2095, MachIds.MEMORY_OBJECT_CHANGE_ATTRIBUTES);
    }

    @Test
    void theRoutinesAroundThemKeepTheirIds() {
        assertEquals(2056, MachIds.TASK_SUSPEND);
        assertEquals(2068, MachIds.THREAD_SET_SPECIAL_PORT);
        assertEquals(2101, MachIds.END);
    }

    @Test
    void gnumachDefsSizeLimits() {
        assertEquals(4214, GnumachIds.THREAD_GET_NAME);
        assertEquals(4215, GnumachIds.VM_SET_SIZE_LIMIT);
        assertEquals(4216, GnumachIds.VM_GET_SIZE_LIMIT);
        assertEquals(4217, GnumachIds.TASK_MAX_PRIORITY);
    }

    @Test
    void theKernelToManagerProtocol() {
        assertEquals(2200, MemoryObjectIds.MEMORY_OBJECT_INIT);
        assertEquals(2201, MemoryObjectIds.MEMORY_OBJECT_TERMINATE);
        assertEquals(2202, MemoryObjectIds.MEMORY_OBJECT_COPY);
        assertEquals(2203, MemoryObjectIds.MEMORY_OBJECT_DATA_REQUEST);
        assertEquals(2204, MemoryObjectIds.MEMORY_OBJECT_DATA_UNLOCK);
        assertEquals(2206, MemoryObjectIds.MEMORY_OBJECT_LOCK_COMPLETED);
        assertEquals(2207, MemoryObjectIds.MEMORY_OBJECT_SUPPLY_COMPLETED);
        assertEquals(2208, MemoryObjectIds.MEMORY_OBJECT_DATA_RETURN);
        assertEquals(2209, MemoryObjectIds.MEMORY_OBJECT_CHANGE_COMPLETED);
        assertEquals(2250, MemoryObjectDefaultIds.MEMORY_OBJECT_CREATE);
        assertEquals(2251, MemoryObjectDefaultIds.MEMORY_OBJECT_DATA_INITIALIZE);
    }
}
