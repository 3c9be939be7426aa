package org.jmach.mach;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only view of the kernel's tasks, threads, IPC spaces and
 * scheduler for debugging consoles, in the spirit of {@code mach_debug.defs}.
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
     */
    record ThreadSummary(int taskId, int id, String name, String state, int basePriority, int curPriority,
            int maxPriority, String policy, long userMicros, long systemMicros, String processorSet,
            int processor, String waitsOn, int suspendCount) {
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
}
