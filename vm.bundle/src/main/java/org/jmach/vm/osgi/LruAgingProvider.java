package org.jmach.vm.osgi;

import org.jmach.vm.spi.PageoutPolicy;
import org.jmach.vm.spi.PageoutPolicyProvider;
import org.jmach.vm.vm.LruAging;
import org.osgi.service.component.annotations.Component;

/** The LRU approximation by aging as a pageout policy service. */
@Component(service = PageoutPolicyProvider.class)
public final class LruAgingProvider implements PageoutPolicyProvider {

    @Override
    public String name() {
        return LruAging.NAME;
    }

    @Override
    public PageoutPolicy newPolicy() {
        return new LruAging();
    }
}
