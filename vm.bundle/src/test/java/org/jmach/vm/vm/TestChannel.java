package org.jmach.vm.vm;

import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_DELAY;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jmach.vm.spi.MemoryObjectControl;
import org.jmach.vm.spi.PagerChannel;

/**
 * A pager channel for VM's own tests, standing for the kernel and its
 * managers: a default memory manager that keeps pages in a map, and
 * external objects served from a map of their own. Every call is logged.
 * Managers answer at once on the calling thread (VM calls the channel with
 * no lock held), unless {@link #holdRequests} is set.
 */
class TestChannel implements PagerChannel {

    /** A memory object port as the test knows it. */
    static final class Pager {
        final String name;
        final Map<Long, byte[]> store = new HashMap<>();
        boolean alive = true;
        boolean precious;
        MemoryObjectControl control;

        Pager(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    final List<String> log = new ArrayList<>();
    final Pager defaultPager = new Pager("default");
    private final AtomicInteger created = new AtomicInteger();
    volatile boolean holdRequests;
    final List<Runnable> held = new ArrayList<>();

    synchronized void record(String s) {
        log.add(s);
    }

    synchronized List<String> logged(String prefix) {
        List<String> out = new ArrayList<>();
        for (String s : log) {
            if (s.startsWith(prefix)) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public void init(Object pager, MemoryObjectControl control, long pageSize) {
        Pager p = (Pager) pager;
        record("init " + p);
        p.control = control;
        if (p.alive) {
            control.ready(false, MEMORY_OBJECT_COPY_DELAY);
        }
    }

    @Override
    public void dataRequest(Object pager, MemoryObjectControl control, long offset, long length, int access) {
        Pager p = (Pager) pager;
        record("data_request " + p + " " + offset);
        Runnable answer = () -> {
            if (!p.alive) {
                return;
            }
            byte[] data = p.store.get(offset);
            if (data == null) {
                control.dataUnavailable(offset, length);
            } else {
                control.dataSupply(offset, data.clone(), 0, p.precious, null);
            }
        };
        if (holdRequests) {
            synchronized (held) {
                held.add(answer);
            }
        } else {
            answer.run();
        }
    }

    @Override
    public void dataUnlock(Object pager, MemoryObjectControl control, long offset, long length, int access) {
        record("data_unlock " + pager + " " + offset);
        control.lockRequest(offset, length, 0, false, 0, null);
    }

    @Override
    public void dataReturn(Object pager, MemoryObjectControl control, long offset, byte[] data, boolean dirty,
            boolean kernelCopy) {
        Pager p = (Pager) pager;
        record("data_return " + p + " " + offset + (dirty ? " dirty" : " clean"));
        if (p.alive) {
            p.store.put(offset, data.clone());
        }
    }

    @Override
    public void lockCompleted(Object reply, MemoryObjectControl control, long offset, long length) {
        record("lock_completed " + reply + " " + offset + " " + length);
    }

    @Override
    public void supplyCompleted(Object reply, MemoryObjectControl control, long offset, long length, int result,
            long errorOffset) {
        record("supply_completed " + reply + " " + result);
    }

    @Override
    public void changeCompleted(Object reply, boolean mayCache, int copyStrategy) {
        record("change_completed " + reply);
    }

    @Override
    public void terminate(Object pager, MemoryObjectControl control) {
        record("terminate " + pager);
    }

    @Override
    public Object create(Object defaultManager, MemoryObjectControl control, long size, long pageSize) {
        if (defaultManager == null) {
            return null;
        }
        Pager p = new Pager("anon" + created.incrementAndGet());
        p.control = control;
        record("create " + p);
        return p;
    }

    @Override
    public Object copy(Object pager, MemoryObjectControl control, long offset, long length) {
        Pager from = (Pager) pager;
        if (!from.alive) {
            return null;
        }
        Pager copy = new Pager(from.name + "-copy");
        for (Map.Entry<Long, byte[]> e : from.store.entrySet()) {
            if (e.getKey() >= offset && e.getKey() < offset + length) {
                copy.store.put(e.getKey(), e.getValue().clone());
            }
        }
        record("copy " + from + " " + offset + " " + length);
        return copy;
    }

    @Override
    public void dataInitialize(Object pager, MemoryObjectControl control, long offset, byte[] data) {
        Pager p = (Pager) pager;
        record("data_initialize " + p + " " + offset);
        p.store.put(offset, data.clone());
    }

    @Override
    public void release(Object handle) {
        record("release " + handle);
    }

    @Override
    public boolean alive(Object pager) {
        return ((Pager) pager).alive;
    }

    /** Answers the requests held back. */
    void answerHeld() {
        List<Runnable> now;
        synchronized (held) {
            now = new ArrayList<>(held);
            held.clear();
        }
        now.forEach(Runnable::run);
    }
}
