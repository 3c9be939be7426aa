package org.jmach.vm.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How the pageout daemon chooses its victims: a replaceable policy, an OSGi
 * service. VM tells the policy which pages are resident and pageable; the
 * policy orders them and names the next victim. Reference bits come from
 * the accessor and the CPU.
 *
 * <p>Conditions: every method is called under VM's lock, from one thread at
 * a time; none may call VM or block.
 */
@ConsumerType
public interface PageoutPolicy {

    /** Its name ("fifo-second-chance", "lru-aging", ...). */
    String name();

    /** A page became resident and pageable. */
    void pageIn(ResidentPage page);

    /** A page is no longer a candidate (freed, wired, or its object ended). */
    void remove(ResidentPage page);

    /** The next victim, taken off the policy's candidates; null if none is left. */
    ResidentPage selectVictim();

    /** A resident page as a policy sees it. */
    interface ResidentPage {

        /** Its frame number. */
        int frame();

        /** Reads and clears the reference bit. */
        boolean testAndClearReference();

        /** The policy's own data for the page. */
        Object policyData();

        /** Sets the policy's own data for the page. */
        void setPolicyData(Object data);
    }
}
