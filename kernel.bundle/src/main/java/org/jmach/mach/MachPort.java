package org.jmach.mach;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The mach_port interface ({@code mach_port.defs}), routine for routine.
 * {@code task} is a name, in the caller's space, of a send right to the
 * task whose space is operated on. Out-parameters are one-element arrays.
 * Rights that come back (request_notification's previous, extract_right's
 * poly) are put in the caller's space; rights that go in (insert_right's
 * poly, request_notification's notify) are taken from it.
 *
 * <p>Every routine returns a Mach code: KERN_* from the routine, or
 * MACH_SEND_INVALID_DEST if {@code task} does not name a send right, as the
 * message carrying the call would.
 */
@ProviderType
public interface MachPort {

    int machPortNames(int task, int[][] names, int[][] types);

    int machPortType(int task, int name, int[] ptype);

    int machPortRename(int task, int oldName, int newName);

    int machPortAllocateName(int task, int right, int name);

    int machPortAllocate(int task, int right, int[] name);

    int machPortDestroy(int task, int name);

    int machPortDeallocate(int task, int name);

    int machPortGetRefs(int task, int name, int right, int[] refs);

    int machPortModRefs(int task, int name, int right, int delta);

    int machPortSetQlimit(int task, int name, int qlimit);

    int machPortSetMscount(int task, int name, int mscount);

    int machPortGetSetStatus(int task, int name, int[][] members);

    int machPortMoveMember(int task, int member, int after);

    int machPortRequestNotification(int task, int name, int variant, int sync, int notify,
            int notifyPoly, int[] previous);

    int machPortInsertRight(int task, int name, int poly, int polyPoly);

    int machPortExtractRight(int task, int name, int desiredType, int[] poly, int[] polyPoly);

    int machPortGetReceiveStatus(int task, int name, MachPortStatus[] status);

    int machPortSetSeqno(int task, int name, int seqno);
}
