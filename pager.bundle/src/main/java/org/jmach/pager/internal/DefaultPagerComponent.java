package org.jmach.pager.internal;

import java.time.Duration;

import org.jmach.mach.MachNativeTasks;
import org.jmach.pager.area.PageCodec;
import org.jmach.pager.server.DefaultPager;
import org.jmach.pager.server.PagerLog;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.component.annotations.Reference;

/**
 * The default pager bundle: while it is active, its code serves the
 * default pager task, storing pages as they are ({@link PageCodec#RAW}).
 * Stopping or updating the bundle detaches it (requests wait in the
 * task's ports); the next implementation to start attaches and serves.
 */
@Component(immediate = true, configurationPid = "org.jmach.pager")
@Designate(ocd = PagerConfig.class)
public final class DefaultPagerComponent {

    /** How long deactivation waits for the serving threads to finish their requests. */
    static final Duration DETACH_WAIT = Duration.ofSeconds(30);

    private static final PagerLog LOG = PagerLog.platform("org.jmach.pager");

    private final DefaultPager pager;

    @Activate
    public DefaultPagerComponent(@Reference MachNativeTasks tasks, BundleContext context, PagerConfig config) {
        String implementation = context.getBundle().getSymbolicName() + " " + context.getBundle().getVersion()
                + " (raw pages)";
        pager = DefaultPager.start(tasks, implementation, PageCodec.RAW, Math.max(1, config.threads()),
                LOG);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (!pager.stop(DETACH_WAIT)) {
            LOG.warning("default pager: detach did not finish in " + DETACH_WAIT.toSeconds() + " s");
        }
    }
}
