package org.jmach.kernel.ipc;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The undo log of one message copyin. Copying in a complex message changes
 * entries and ports right by right; if a later item is bad, everything is
 * put back as it was, so a failed send consumes nothing the sender holds.
 * Effects that cannot be undone (notifications, waking receivers) are
 * deferred until the copyin commits.
 *
 * <p>Conditions: used under the IPC lock by one thread.
 */
final class IpcUndo {

    private record SavedEntry(IpcSpace space, IpcEntry entry, IpcEntry before, boolean present) {
    }

    private record SavedPort(IpcPort port, int mscount, int srights, int sorights, int seqno,
            IpcSpace receiver, int receiverName, IpcPort destination, IpcPset pset,
            List<IpcEntry> dnrequests, List<IpcEntry> marequests) {
    }

    private final Map<IpcEntry, SavedEntry> entries = new IdentityHashMap<>(4);
    private final Map<IpcPort, SavedPort> ports = new IdentityHashMap<>(4);
    private final List<SavedEntry> entryOrder = new ArrayList<>(4);
    private final List<Runnable> deferred = new ArrayList<>(2);

    void save(IpcSpace space, IpcEntry entry) {
        if (!entries.containsKey(entry)) {
            SavedEntry s = new SavedEntry(space, entry, entry.copy(), space.lookup(entry.name) == entry);
            entries.put(entry, s);
            entryOrder.add(s);
        }
    }

    void save(IpcPort port) {
        if (!ports.containsKey(port)) {
            ports.put(port, new SavedPort(port, port.mscount, port.srights, port.sorights, port.seqno,
                    port.receiver, port.receiverName, port.destination, port.pset,
                    new ArrayList<>(port.dnrequests), new ArrayList<>(port.marequests)));
        }
    }

    /** Runs {@code effect} at commit, or never if the copyin is undone. */
    void defer(Runnable effect) {
        deferred.add(effect);
    }

    /** Commits: runs the deferred effects in order. */
    void commit() {
        for (Runnable r : deferred) {
            r.run();
        }
        deferred.clear();
    }

    /** Puts every saved entry and port back. */
    void rollback() {
        for (int i = entryOrder.size() - 1; i >= 0; i--) {
            SavedEntry s = entryOrder.get(i);
            IpcEntry e = s.entry();
            if (s.space().lookup(e.name) == e) {
                s.space().unlink(e); // not remove: the name's slot stays taken
            }
            e.restore(s.before());
            if (s.present()) {
                s.space().table.put(e.name, e);
                s.space().reindex(e);
            }
        }
        for (SavedPort s : ports.values()) {
            IpcPort p = s.port();
            p.mscount = s.mscount();
            p.srights = s.srights();
            p.sorights = s.sorights();
            p.seqno = s.seqno();
            p.receiver = s.receiver();
            p.receiverName = s.receiverName();
            p.destination = s.destination();
            if (p.pset != s.pset()) {
                if (p.pset != null) {
                    p.pset.members.remove(p);
                }
                if (s.pset() != null) {
                    s.pset().members.add(p);
                }
                p.pset = s.pset();
            }
            p.dnrequests.clear();
            p.dnrequests.addAll(s.dnrequests());
            p.marequests.clear();
            p.marequests.addAll(s.marequests());
        }
        deferred.clear();
    }
}
