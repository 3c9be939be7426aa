package org.jmach.launcher.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Stops the framework in order when the JVM is told to end (Ctrl-C, SIGTERM),
 * so that every bundle's deactivation runs and the kernel halts cleanly. The
 * bnd launcher registers no such hook of its own.
 */
@Component(service = {})
public final class ShutdownHook {

    /** How long the hook lets the framework take to stop. */
    static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final Thread hook;

    @Activate
    public ShutdownHook(BundleContext context) {
        Framework framework = context.getBundle(0).adapt(Framework.class);
        this.hook = new Thread(() -> stop(framework), "jmach shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook itself is stopping us: nothing to remove.
        }
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
        } catch (BundleException | InterruptedException e) {
            System.err.println("jmach: clean shutdown failed: " + e);
        }
    }
}
