package org.jmach.vm.osgi;

import org.jmach.vm.spi.PageoutPolicy;
import org.jmach.vm.spi.PageoutPolicyProvider;
import org.jmach.vm.vm.FifoSecondChance;
import org.osgi.service.component.annotations.Component;

/** FIFO with second chance as a pageout policy service. */
@Component(service = PageoutPolicyProvider.class)
public final class FifoSecondChanceProvider implements PageoutPolicyProvider {

    @Override
    public String name() {
        return FifoSecondChance.NAME;
    }

    @Override
    public PageoutPolicy newPolicy() {
        return new FifoSecondChance();
    }
}
