package org.jmach.shell.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jmach.mach.DefaultPagerUser;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.mach.Port;
import org.jmach.mach.ThreadSwitch;

/**
 * Asks the default pager about itself, as a privileged user task would: a
 * short-lived task gets host_priv, learns the default manager's port from
 * vm_set_default_memory_manager (given MACH_PORT_NULL, it only returns the
 * current one) and calls {@code default_pager.defs} on it. The task is
 * terminated afterwards, whatever happened. A pager being replaced answers
 * once its successor serves; the caller waits a bounded time.
 */
final class PagerQuery {

    static final String TASK_NAME = "mach:pager";
    /** The pager's registered task name (its implementations find their task by it). */
    static final String PAGER_TASK = "default-pager";
    /** Most objects listed. */
    static final int MAX_OBJECTS = 4096;
    static final Duration WAIT = Duration.ofSeconds(10);

    private PagerQuery() {
    }

    /** The default pager's view; throws IllegalStateException if there is none or it does not answer. */
    static PagerView query(MachNativeTasks tasks) {
        CompletableFuture<PagerView> result = new CompletableFuture<>();
        int task = tasks.taskCreate(TASK_NAME);
        try {
            int hostPriv = tasks.hostPriv(task);
            int pagerTask = tasks.taskLookup(PAGER_TASK);
            Kernel.check("thread_create", tasks.threadCreate(task, TASK_NAME, t -> {
                try {
                    result.complete(ask(t, hostPriv, pagerTask));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }));
            return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the default pager did not answer within " + WAIT.toSeconds()
                    + " s (is a pager bundle started?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the default pager", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            tasks.taskTerminate(task);
        }
    }

    private static PagerView ask(MachTraps t, int hostPriv, int pagerTask) {
        int[] manager = {Port.MACH_PORT_NULL};
        // Just after boot the pager may not have registered yet: ask again a little while.
        long deadline = System.nanoTime() + WAIT.toNanos() / 2;
        while (true) {
            Kernel.check("vm_set_default_memory_manager",
                    new MachUser(t.mig()).vmSetDefaultMemoryManager(hostPriv, manager));
            if (manager[0] != Port.MACH_PORT_NULL) {
                break;
            }
            if (pagerTask == 0 || System.nanoTime() > deadline) {
                throw new IllegalStateException("no default memory manager is registered");
            }
            // Mach's sleep: thread_switch with SWITCH_OPTION_WAIT blocks for the time given.
            t.threadSwitch(Port.MACH_PORT_NULL, ThreadSwitch.SWITCH_OPTION_WAIT, 20);
        }
        DefaultPagerUser pager = new DefaultPagerUser(t.mig());
        String[] implementation = new String[1];
        long[][] statistics = new long[1][];
        Kernel.check("default_pager_statistics", pager.defaultPagerStatistics(manager[0], implementation, statistics));
        long[][] info = new long[1][];
        Kernel.check("default_pager_info", pager.defaultPagerInfo(manager[0], info));
        long[] objects = new long[2 * MAX_OBJECTS];
        int[] objectsCount = {objects.length};
        int[] ports = new int[MAX_OBJECTS];
        int[] portsCount = {MAX_OBJECTS};
        Kernel.check("default_pager_objects",
                pager.defaultPagerObjects(manager[0], objects, objectsCount, ports, portsCount));
        List<PagerView.ObjectPages> list = new ArrayList<>();
        long[] pages = new long[1 << 16];
        for (int i = 0; i < portsCount[0] && 2 * i + 1 < objectsCount[0]; i++) {
            int[] count = {pages.length};
            int kr = pager.defaultPagerObjectPages(manager[0], ports[i], pages, count);
            list.add(new PagerView.ObjectPages(objects[2 * i], objects[2 * i + 1], kr == 0 ? count[0] : -1));
        }
        return new PagerView(pagerTask, implementation[0], statistics[0], info[0], list);
    }
}
