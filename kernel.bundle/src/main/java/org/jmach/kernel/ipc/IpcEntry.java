package org.jmach.kernel.ipc;

import org.jmach.mach.Port;

/**
 * One name in an IPC space and the rights it denotes (GNU Mach's
 * {@code ipc/ipc_entry.h}). {@code type} holds MACH_PORT_TYPE_* bits:
 * SEND and RECEIVE may be combined (one port's rights share one name); the
 * others stand alone. {@code urefs} counts user references: of send rights,
 * of a dead name; it is 1 for a send-once right and 0 for receive-only or a
 * port set.
 *
 * <p>Conditions: every field is guarded by the IPC lock.
 */
final class IpcEntry {

    final IpcSpace space;
    int name;
    int type;
    int urefs;
    IpcObject object;
    /** The send-once right a dead-name request will use, or null. */
    IpcPort dnrequest;
    /** The send-once right a msg-accepted request will use, or null. */
    IpcPort marequest;

    IpcEntry(IpcSpace space, int name, int type, int urefs, IpcObject object) {
        this.space = space;
        this.name = name;
        this.type = type;
        this.urefs = urefs;
        this.object = object;
    }

    boolean has(int typeBits) {
        return (type & typeBits) != 0;
    }

    IpcPort port() {
        return (IpcPort) object;
    }

    /** The type as mach_port_type reports it, request bits included. */
    int reportedType() {
        return type | (dnrequest != null ? Port.MACH_PORT_TYPE_DNREQUEST : 0)
                | (marequest != null ? Port.MACH_PORT_TYPE_MAREQUEST : 0);
    }

    IpcEntry copy() {
        IpcEntry c = new IpcEntry(space, name, type, urefs, object);
        c.dnrequest = dnrequest;
        c.marequest = marequest;
        return c;
    }

    void restore(IpcEntry from) {
        name = from.name;
        type = from.type;
        urefs = from.urefs;
        object = from.object;
        dnrequest = from.dnrequest;
        marequest = from.marequest;
    }

    @Override
    public String toString() {
        return String.format("0x%x %s urefs=%d", name, Port.typeName(reportedType()), urefs);
    }
}
