package org.jmach.mach;

import java.util.List;

import org.jmach.vm.VmStatistics;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only view of the kernel's tasks, threads, IPC spaces, scheduler
 * and virtual memory for debugging consoles, in the spirit of {@code mach_debug.defs}.
 * The kernel registers it as a service while booted. It hands out
 * descriptions, never rights.
 */
@ProviderType
public interface MachDebug {

    /**
     * One task: its id, name, number of threads, number of port names, its
     * suspend count, and "active" or "suspended" (suspend count above 0).
     */
    record TaskSummary(int id, String name, int threads, int portNames, int suspendCount, String state) {
    }

    /**
     * One name in a task's space. For a receive right, {@code msgcount},
     * {@code qlimit} and {@code seqno} describe the port; otherwise they are -1.
     */
    record PortName(int name, int type, int urefs, int msgcount, int qlimit, int seqno) {
    }

    /**
     * One thread.
     *
     * @param taskId its task's id
     * @param id its id within the task
     * @param name its name
     * @param state a TH_STATE_ name ("running", "stopped", "waiting", ...), "runnable" when it
     *        waits for a processor
     * @param basePriority its base priority (0 the highest)
     * @param curPriority the priority it is scheduled at now
     * @param maxPriority its ceiling
     * @param policy {@link Policy#name} of its policy
     * @param userMicros user time
     * @param systemMicros system time
     * @param processorSet the name of its processor set
     * @param processor the slot of the processor it holds now, or -1
     * @param waitsOn what it waits on ("mach_msg receive", "exception reply", ...), or "" if it does not
     * @param suspendCount its suspend count
     * @param pc the program counter of an interpreted thread, or {@link #NATIVE}
     * @param cpuUsage its recent use of a processor as thread_info's {@code cpu_usage} reports it, scaled by
     *        {@link ThreadInfo#TH_USAGE_SCALE} (1000: a processor kept busy; the usage that timesharing
     *        adds to the base priority)
     */
    record ThreadSummary(int taskId, int id, String name, String state, int basePriority, int curPriority,
            int maxPriority, String policy, long userMicros, long systemMicros, String processorSet,
            int processor, String waitsOn, int suspendCount, long pc, int cpuUsage) {

        /** No program counter: a native thread's ({@link #pc} is -1). */
        public static final long NATIVE = -1;

        /** A summary without {@link #cpuUsage} (0), as before 2.4.0. */
        public ThreadSummary(int taskId, int id, String name, String state, int basePriority, int curPriority,
                int maxPriority, String policy, long userMicros, long systemMicros, String processorSet,
                int processor, String waitsOn, int suspendCount, long pc) {
            this(taskId, id, name, state, basePriority, curPriority, maxPriority, policy, userMicros, systemMicros,
                    processorSet, processor, waitsOn, suspendCount, pc, 0);
        }

        /** A native thread's summary without {@link #cpuUsage} (0), as before 2.4.0. */
        public ThreadSummary(int taskId, int id, String name, String state, int basePriority, int curPriority,
                int maxPriority, String policy, long userMicros, long systemMicros, String processorSet,
                int processor, String waitsOn, int suspendCount) {
            this(taskId, id, name, state, basePriority, curPriority, maxPriority, policy, userMicros, systemMicros,
                    processorSet, processor, waitsOn, suspendCount, NATIVE, 0);
        }
    }

    /** One processor: its slot, state, set, the thread it runs ("" when idle), and its local run queue length. */
    record ProcessorSummary(int slot, String state, String processorSet, String thread, int localRunQueue) {
    }

    /**
     * One processor set: its name ("default" for the default set), its
     * processors, tasks and threads, ceiling, run queue length, and load
     * average and Mach factor scaled by {@link ProcessorInfo#LOAD_SCALE}.
     */
    record ProcessorSetSummary(String name, int processors, int tasks, int threads, int maxPriority,
            int runQueue, int loadAverage, int machFactor) {
    }

    /**
     * One region of a task's address map, as vm_region describes it.
     *
     * @param start its first address
     * @param end one past its last address
     * @param protection its current protection (VM_PROT_ bits, {@code org.jmach.vm.VmProt})
     * @param maxProtection its maximum protection
     * @param inheritance VM_INHERIT_ ({@code org.jmach.vm.VmInherit})
     * @param objectId the number of the VM object it maps, 0 for none (zero-fill memory not touched yet)
     * @param offset the offset of {@code start} in the object
     * @param residentPages resident pages of the region's part of its object chain
     * @param shared whether the object is mapped elsewhere too
     */
    record VmRegionSummary(long start, long end, int protection, int maxProtection, int inheritance, int objectId,
            long offset, int residentPages, boolean shared) {
    }

    /** What vm_statistics says, and the name of the pageout policy in use. */
    record VmStatSummary(VmStatistics statistics, String pageoutPolicy) {
    }

    /**
     * One VM object.
     *
     * @param id its number, as {@link VmRegionSummary#objectId} shows it
     * @param size its size in bytes
     * @param references the map entries and copies holding it
     * @param residentPages its resident pages
     * @param shadowId the object it shadows, 0 for none
     * @param internal whether it is anonymous memory, paged by the default memory manager
     * @param pagerState "none", "external", "default" or "dead"
     * @param copyStrategy MEMORY_OBJECT_COPY_ ({@code org.jmach.vm.MemoryObjectConstants})
     */
    record VmObjectSummary(int id, long size, int references, int residentPages, int shadowId, boolean internal,
            String pagerState, int copyStrategy) {
    }

    /**
     * A disk of the machine, as the device interface knows it (mach:disk).
     *
     * @param name the device name device_open takes ({@code hd0})
     * @param path the host file that holds it
     * @param records its size in records
     * @param recordSize bytes in a record
     * @param reads read requests completed
     * @param writes write requests completed
     * @param bytesRead bytes read successfully
     * @param bytesWritten bytes written successfully
     * @param pending requests queued or in service
     */
    record DiskSummary(String name, String path, long records, int recordSize, long reads, long writes,
            long bytesRead, long bytesWritten, int pending) {
    }

    /** Every active task, by id. */
    List<TaskSummary> tasks();

    /** The names of task {@code taskId}'s space, sorted; empty if there is no such task. */
    List<PortName> portNames(int taskId);

    /** The threads of task {@code taskId}, or of every task if {@code taskId} is -1. */
    List<ThreadSummary> threads(int taskId);

    /** The processors, by slot. */
    List<ProcessorSummary> processors();

    /** The active processor sets, the default first. */
    List<ProcessorSetSummary> processorSets();

    /** The regions of task {@code taskId}'s address map, lowest first; empty if there is no such task. */
    List<VmRegionSummary> vmRegions(int taskId);

    /** vm_statistics of the host, and the pageout policy in use. */
    VmStatSummary vmStatistics();

    /** The VM objects alive. */
    List<VmObjectSummary> vmObjects();

    /** The machine's disks (none if it has none now). */
    List<DiskSummary> disks();
}
