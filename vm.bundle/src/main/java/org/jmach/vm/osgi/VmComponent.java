package org.jmach.vm.osgi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jmach.hw.PhysicalMemory;
import org.jmach.vm.spi.PageoutPolicyProvider;
import org.jmach.vm.spi.PagerChannel;
import org.jmach.vm.spi.VirtualMemory;
import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.vm.FifoSecondChance;
import org.jmach.vm.vm.Vm;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The VM bundle's service: a virtual memory system per kernel boot. Its
 * pageout policy comes from the {@link PageoutPolicyProvider} service named
 * by {@code pageout.policy}; when that service comes, goes or is replaced,
 * the running system switches policy (to its built-in FIFO with second
 * chance while there is none). A new configuration replaces this
 * component, and the kernel, which holds it statically, reboots on it.
 */
@Component(service = VirtualMemory.class, configurationPid = "org.jmach.vm", immediate = true)
@Designate(ocd = VmConfig.class)
public final class VmComponent implements VirtualMemory {

    private final String policyName;
    private final List<PageoutPolicyProvider> providers = new CopyOnWriteArrayList<>();
    /** The system of the current boot, if any. */
    private volatile Vm booted;

    @Activate
    public VmComponent(VmConfig config) {
        this.policyName = config.pageout_policy();
        if (policyName == null || policyName.isBlank()) {
            throw new IllegalArgumentException("org.jmach.vm: pageout.policy must name a policy");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(PageoutPolicyProvider p) {
        providers.add(p);
        if (p.name().equals(policyName)) {
            install();
        }
    }

    void removeProvider(PageoutPolicyProvider p) {
        if (providers.remove(p) && p.name().equals(policyName)) {
            install();
        }
    }

    /** Gives the running system the configured policy, or the built-in one. */
    private void install() {
        Vm vm = booted;
        if (vm != null) {
            vm.setPageoutPolicy(newPolicy());
        }
    }

    private org.jmach.vm.spi.PageoutPolicy newPolicy() {
        for (PageoutPolicyProvider p : providers) {
            if (p.name().equals(policyName)) {
                return p.newPolicy();
            }
        }
        return new FifoSecondChance();
    }

    @Override
    public VmSystem boot(PhysicalMemory memory, PagerChannel pagers) {
        Vm vm = new Vm(memory, pagers);
        vm.setPageoutPolicy(newPolicy());
        booted = vm;
        return vm;
    }
}
