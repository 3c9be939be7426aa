package org.jmach.kernel.ipc;

import static org.jmach.mach.Port.MACH_PORT_DEAD;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.jmach.mach.Port.machPortGen;
import static org.jmach.mach.Port.machPortIndex;
import static org.jmach.mach.Port.machPortMake;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An IPC space: a task's port name space (GNU Mach's {@code ipc/ipc_space.h}).
 * Names are meaningful only here. A new name takes a free index and that
 * index's next generation, so a stale name (same index, older generation)
 * never denotes the right that reuses the slot.
 *
 * <p>Besides the table, the space keeps a reverse map from ports to the
 * entry holding send rights for them (GNU Mach's {@code ipc_hash}), so that
 * a second send right for a port lands on the same name. A receive right's
 * entry is found through the port ({@code receiverName}).
 *
 * <p>Lifecycle: active from creation until {@link Ipc#spaceDestroy}, which
 * releases every right. Conditions: guarded by the IPC lock.
 */
public final class IpcSpace {

    private final String owner;
    final IpcEntryTable table = new IpcEntryTable();
    final Map<IpcPort, IpcEntry> reverse = new IdentityHashMap<>();
    boolean active = true;

    private final ArrayDeque<Integer> freeIndexes = new ArrayDeque<>();
    private byte[] generations = new byte[64];
    private int nextIndex = 1;

    IpcSpace(String owner) {
        this.owner = owner;
    }

    /** Whether the space is still alive. Conditions: the IPC lock held. */
    public boolean isActive() {
        return active;
    }

    /** Number of names in the space. Conditions: the IPC lock held. */
    public int nameCount() {
        return table.size();
    }

    IpcEntry lookup(int name) {
        return table.get(name);
    }

    /** A fresh name (not yet in the table). */
    int allocateName() {
        while (true) {
            Integer free = freeIndexes.pollFirst();
            int index = free != null ? free : nextIndex++;
            if (index >= generations.length) {
                byte[] grown = new byte[Math.max(index + 1, generations.length * 2)];
                System.arraycopy(generations, 0, grown, 0, generations.length);
                generations = grown;
            }
            int gen = (generations[index] & 0xff) + 1;
            int name = machPortMake(index, gen);
            if (name != MACH_PORT_DEAD && table.get(name) == null) {
                generations[index] = (byte) gen;
                return name;
            }
            generations[index] = (byte) gen;
            if (free != null) {
                freeIndexes.addLast(index);
            }
        }
    }

    IpcEntry enter(int name, int type, int urefs, IpcObject object) {
        IpcEntry entry = new IpcEntry(this, name, type, urefs, object);
        table.put(name, entry);
        if ((type & MACH_PORT_TYPE_SEND) != 0 && (type & MACH_PORT_TYPE_RECEIVE) == 0) {
            reverse.put((IpcPort) object, entry);
        }
        return entry;
    }

    /** Takes an entry out of the table and the reverse map, keeping its slot. */
    void unlink(IpcEntry entry) {
        table.remove(entry.name);
        if (entry.object instanceof IpcPort port && reverse.get(port) == entry) {
            reverse.remove(port);
        }
    }

    /** Removes an entry; its index is reused with a later generation. */
    void remove(IpcEntry entry) {
        unlink(entry);
        int index = machPortIndex(entry.name);
        if (index > 0 && index < nextIndex && (generations[index] & 0xff) == machPortGen(entry.name)) {
            freeIndexes.addLast(index);
        }
    }

    /** Re-keys an entry that changed its name (rename). */
    void rename(IpcEntry entry, int newName) {
        table.remove(entry.name);
        entry.name = newName;
        table.put(newName, entry);
    }

    /** The entry of this space holding send or receive rights for {@code port}, or null. */
    IpcEntry entryFor(IpcPort port) {
        if (port.receiver == this) {
            return table.get(port.receiverName);
        }
        return reverse.get(port);
    }

    /** Keeps the reverse map in step with an entry's send bit. */
    void reindex(IpcEntry entry) {
        if (!(entry.object instanceof IpcPort port)) {
            return;
        }
        boolean sendOnly = (entry.type & MACH_PORT_TYPE_SEND) != 0 && (entry.type & MACH_PORT_TYPE_RECEIVE) == 0;
        if (sendOnly) {
            reverse.put(port, entry);
        } else if (reverse.get(port) == entry) {
            reverse.remove(port);
        }
    }

    @Override
    public String toString() {
        return "space of " + owner;
    }
}
