package org.jmach.kernel.ipc;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The names of one space: an open-addressing hash from 32-bit names to
 * entries (linear probing, backward-shift deletion), so that lookups on the
 * message path neither box nor allocate.
 *
 * <p>Conditions: guarded by the IPC lock.
 */
final class IpcEntryTable {

    private int[] keys = new int[16];
    private IpcEntry[] values = new IpcEntry[16];
    private int size;

    int size() {
        return size;
    }

    IpcEntry get(int name) {
        int mask = keys.length - 1;
        for (int i = mix(name) & mask; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == name) {
                return values[i];
            }
        }
        return null;
    }

    void put(int name, IpcEntry entry) {
        if ((size + 1) * 4 > keys.length * 3) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(name) & mask;
        while (values[i] != null) {
            if (keys[i] == name) {
                values[i] = entry;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = name;
        values[i] = entry;
        size++;
    }

    void remove(int name) {
        int mask = keys.length - 1;
        int i = mix(name) & mask;
        while (values[i] != null && keys[i] != name) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        size--;
        // Shift back the entries of the probe run that follows the hole.
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = mix(keys[j]) & mask;
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    void forEach(Consumer<IpcEntry> action) {
        for (IpcEntry e : values.clone()) {
            if (e != null) {
                action.accept(e);
            }
        }
    }

    /** The names, sorted. */
    int[] names() {
        int[] out = new int[size];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out[n++] = keys[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    private void grow() {
        int[] oldKeys = keys;
        IpcEntry[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new IpcEntry[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int name) {
        int h = name * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
