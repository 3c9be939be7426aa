package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;
import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jmach.mach.HostBasicInfo;
import org.jmach.mach.HostInfo;
import org.jmach.mach.MachHostIds;
import org.jmach.mach.MachHostUser;
import org.jmach.mach.MachPortIds;
import org.junit.jupiter.api.Test;

/**
 * The host port: mach_host_self names it, and mach_host.defs routines sent
 * to it are served by the kernel's generated demux, with Mach's message ids.
 */
class HostPortTest extends IpcTestBase {

    @Test
    void hostSelfIsASendRightWithOneMoreReferenceEachTime() {
        int host = self.machHostSelf();
        assertEquals(MACH_PORT_TYPE_SEND, type(host));
        assertEquals(host, self.machHostSelf());
        assertEquals(2, refs(host, MACH_PORT_RIGHT_SEND));
    }

    @Test
    void hostInfoAndKernelVersionAreMessagesToTheHostPort() {
        MachHostUser stub = new MachHostUser(self.mig());
        int host = self.machHostSelf();
        int[] info = new int[HostInfo.HOST_BASIC_INFO_COUNT];
        int[] count = {info.length};
        assertEquals(KERN_SUCCESS, stub.hostInfo(host, HostInfo.HOST_BASIC_INFO, info, count));
        assertEquals(HostInfo.HOST_BASIC_INFO_COUNT, count[0]);
        assertEquals(PROCESSORS, HostBasicInfo.decode(info).maxCpus());
        String[] version = new String[1];
        assertEquals(KERN_SUCCESS, stub.hostKernelVersion(host, version));
        assertEquals("test", version[0]);
        // The kernel's own checks come back as the routine's code.
        count[0] = 1;
        assertEquals(KERN_FAILURE, stub.hostInfo(host, HostInfo.HOST_BASIC_INFO, info, count));
        count[0] = info.length;
        assertEquals(KERN_INVALID_ARGUMENT, stub.hostInfo(host, 99, info, count));
    }

    @Test
    void theIdsAreMachs() {
        assertEquals(2600, MachHostIds.BASE);
        assertEquals(2619, MachHostIds.HOST_KERNEL_VERSION);
        assertEquals(2638, MachHostIds.HOST_INFO);
        assertEquals(3200, MachPortIds.MACH_PORT_NAMES);
        assertEquals(3218, MachPortIds.MACH_PORT_SET_SEQNO);
    }

    @Test
    void aRoutineSentToTheWrongKindOfPortFailsItsConversion() {
        MachHostUser stub = new MachHostUser(self.mig());
        int[] info = new int[HostInfo.HOST_BASIC_INFO_COUNT];
        assertEquals(KERN_INVALID_HOST, stub.hostInfo(task, HostInfo.HOST_BASIC_INFO, info, new int[] {info.length}));
        int host = self.machHostSelf();
        int[] t = new int[1];
        assertEquals(KERN_INVALID_TASK, port.machPortType(host, task, t));
        assertEquals(MACH_SEND_INVALID_DEST, stub.hostKernelVersion(0x7777, new String[1]));
    }
}
