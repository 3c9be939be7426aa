package org.jmach.pager.compressed.internal;

import java.time.Duration;

import org.jmach.mach.MachNativeTasks;
import org.jmach.pager.area.PageCodec;
import org.jmach.pager.server.DefaultPager;
import org.jmach.pager.server.PagerLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The compressing pager: serves the same default pager task and paging
 * area as {@code org.jmach.pager}, writing pages deflated
 * ({@link PageCodec#DEFLATE}); it reads the pages either wrote. Started
 * while the other serves, it waits for the baton and takes over when the
 * other stops: a live replacement.
 */
@Component(immediate = true, configurationPid = "org.jmach.pager.compressed")
@Designate(ocd = CompressedPagerConfig.class)
public final class CompressedPagerComponent {

    /** How long deactivation waits for the serving threads to finish their requests. */
    static final Duration DETACH_WAIT = Duration.ofSeconds(30);
    private static final PagerLog LOG = PagerLog.platform("org.jmach.pager.compressed");

    private final DefaultPager pager;

    @Activate
    public CompressedPagerComponent(@Reference MachNativeTasks tasks, BundleContext context,
            CompressedPagerConfig config) {
        String implementation = context.getBundle().getSymbolicName() + " " + context.getBundle().getVersion()
                + " (deflated pages)";
        pager = DefaultPager.start(tasks, implementation, PageCodec.DEFLATE, Math.max(1, config.threads()),
                LOG);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (!pager.stop(DETACH_WAIT)) {
            LOG.warning("compressing pager: detach did not finish in " + DETACH_WAIT.toSeconds() + " s");
        }
    }
}
