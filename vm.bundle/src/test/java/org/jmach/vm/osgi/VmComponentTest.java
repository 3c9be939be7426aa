package org.jmach.vm.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;

import org.jmach.hw.internal.SimulatedMachine;
import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.vm.FifoSecondChance;
import org.jmach.vm.vm.LruAging;
import org.junit.jupiter.api.Test;

/** The pageout policy follows the provider services while the system runs. */
class VmComponentTest {

    private static VmConfig config(String policy) {
        return new VmConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return VmConfig.class;
            }

            @Override
            public String pageout_policy() {
                return policy;
            }
        };
    }

    @Test
    void thePolicyComesAndGoesWithItsProvider() {
        VmComponent c = new VmComponent(config(LruAging.NAME));
        c.addProvider(new FifoSecondChanceProvider());
        VmSystem vm = c.boot(new SimulatedMachine(1, 1 << 20, 100).physicalMemory(), null);
        assertEquals(FifoSecondChance.NAME, vm.pageoutPolicyName(), "no LRU provider yet: the built-in one");
        LruAgingProvider lru = new LruAgingProvider();
        c.addProvider(lru);
        assertEquals(LruAging.NAME, vm.pageoutPolicyName(), "the provider came: the running system switched");
        c.removeProvider(lru);
        assertEquals(FifoSecondChance.NAME, vm.pageoutPolicyName(), "it went: back to the built-in policy");
        vm.shutdown();
    }
}
