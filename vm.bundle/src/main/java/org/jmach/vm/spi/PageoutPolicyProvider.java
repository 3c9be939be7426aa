package org.jmach.vm.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A pageout policy as an OSGi service: the VM system in use takes the
 * policy named by its configuration ({@code pageout.policy}, PID
 * {@code org.jmach.vm}) from the provider of that name, and falls back to
 * its built-in FIFO with second chance when that provider goes away. A new
 * provider (another bundle) can thus replace the policy while the system
 * runs; the resident pages are handed to the new policy.
 */
@ConsumerType
public interface PageoutPolicyProvider {

    /** The policy's name, as {@code pageout.policy} names it. */
    String name();

    /** A new instance of the policy, for one VM system. */
    PageoutPolicy newPolicy();
}
