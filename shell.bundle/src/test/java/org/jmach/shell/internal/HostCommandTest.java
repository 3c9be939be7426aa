package org.jmach.shell.internal;

import static org.jmach.shell.internal.ConsoleText.assertSaysNoKernelIsBooted;
import static org.jmach.shell.internal.ConsoleText.failing;
import static org.jmach.shell.internal.ConsoleText.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;

import org.jmach.mach.HostBasicInfo;
import org.jmach.mach.HostInfo;
import org.jmach.mach.HostSchedInfo;
import org.jmach.mach.KernReturn;
import org.jmach.mach.MachMsgReturn;
import org.jmach.shell.internal.ConsoleText.Failed;
import org.junit.jupiter.api.Test;

class HostCommandTest {

    @Test
    void printsOneNameValueLinePerFigureThenTheVersion() {
        String output = run(new FakeHost(KernReturn.KERN_SUCCESS));
        String n = System.lineSeparator();
        assertEquals("max_cpus 4" + n + "avail_cpus 3" + n + "memory_size 8589934592" + n
                + "cpu_type 23" + n + "cpu_subtype 1" + n + "min_timeout 10" + n
                + "min_quantum 100" + n + "kernel_version jmach x" + n, output);
    }

    @Test
    void aFailingRoutineIsReportedByNameAndNothingIsPrinted() {
        Failed<IllegalStateException> failed = failing(IllegalStateException.class,
                new HostCommand(new FakeHost(KernReturn.KERN_INVALID_HOST))::print);
        assertEquals("host_info(HOST_BASIC_INFO) failed: KERN_INVALID_HOST", failed.error().getMessage());
        assertEquals("", failed.printed());
    }

    @Test
    void aFailedMessageIsReportedByItsMachMsgName() {
        HostCommand command = new HostCommand(new FakeHost(MachMsgReturn.MACH_SEND_INVALID_DEST));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> command.print(System.out));
        assertEquals("host_info(HOST_BASIC_INFO) failed: MACH_SEND_INVALID_DEST", error.getMessage());
    }

    @Test
    void withoutAKernelTheCommandSaysSo() {
        assertSaysNoKernelIsBooted(new HostCommand((HostQuery) null)::print);
    }

    private static String run(HostQuery host) {
        return printed(new HostCommand(host)::print);
    }

    /** A host that answers with fixed figures, or fails every call with {@code kr}. */
    private record FakeHost(int kr) implements HostQuery, HostCalls {

        @Override
        public <T> T query(Function<HostCalls, T> body) {
            return body.apply(this);
        }

        @Override
        public int hostInfo(int flavor, int[] out, int[] count) {
            if (kr != KernReturn.KERN_SUCCESS) {
                return kr;
            }
            if (flavor == HostInfo.HOST_BASIC_INFO) {
                new HostBasicInfo(4, 3, 8L << 30, 23, 1).encode(out);
                count[0] = HostInfo.HOST_BASIC_INFO_COUNT;
            } else {
                new HostSchedInfo(10, 100).encode(out);
                count[0] = HostInfo.HOST_SCHED_INFO_COUNT;
            }
            return KernReturn.KERN_SUCCESS;
        }

        @Override
        public int hostKernelVersion(String[] version) {
            version[0] = "jmach x";
            return kr;
        }
    }
}
