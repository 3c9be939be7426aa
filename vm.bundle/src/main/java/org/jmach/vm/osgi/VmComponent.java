package org.jmach.vm.osgi;

import org.jmach.hw.PhysicalMemory;
import org.jmach.vm.spi.PagerChannel;
import org.jmach.vm.spi.VirtualMemory;
import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.vm.Vm;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The VM bundle's service: a virtual memory system per kernel boot, with
 * the configured pageout policy. A new configuration replaces the service,
 * and the kernel, which holds it statically, reboots on it.
 */
@Component(service = VirtualMemory.class, configurationPid = "org.jmach.vm", immediate = true)
@Designate(ocd = VmConfig.class)
public final class VmComponent implements VirtualMemory {

    private final String policy;

    @Activate
    public VmComponent(VmConfig config) {
        this.policy = config.pageout_policy();
        if (Vm.policyNamed(policy) == null) {
            throw new IllegalArgumentException("org.jmach.vm: pageout.policy is '" + policy
                    + "'; it must be fifo-second-chance or lru-aging");
        }
    }

    @Override
    public VmSystem boot(PhysicalMemory memory, PagerChannel pagers) {
        Vm vm = new Vm(memory, pagers);
        vm.setPageoutPolicy(Vm.policyNamed(policy));
        return vm;
    }
}
