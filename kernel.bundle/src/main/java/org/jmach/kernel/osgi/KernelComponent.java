package org.jmach.kernel.osgi;

import org.jmach.hw.Machine;
import org.jmach.kernel.kern.KernelVersion;
import org.jmach.kernel.kern.Startup;
import org.jmach.mach.MachHost;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The kernel as an OSGi component: boots when a {@link Machine} is there,
 * halts when it goes. The machine reference is static, so a new machine
 * configuration halts this boot and starts a new one: a clean reboot.
 * While booted, the host is registered as the {@link MachHost} service.
 */
@Component(service = MachHost.class, immediate = true)
public final class KernelComponent implements MachHost {

    private final Startup kernel;

    @Activate
    public KernelComponent(@Reference Machine machine, BundleContext context) {
        Version v = context.getBundle().getVersion();
        String release = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        this.kernel = Startup.setupMain(machine, KernelVersion.of(release));
    }

    @Deactivate
    void deactivate() {
        kernel.shutdown();
    }

    @Override
    public int hostInfo(int flavor, int[] hostInfoOut, int[] hostInfoOutCnt) {
        return kernel.host().hostInfo(flavor, hostInfoOut, hostInfoOutCnt);
    }

    @Override
    public int hostKernelVersion(String[] kernelVersion) {
        return kernel.host().hostKernelVersion(kernelVersion);
    }
}
