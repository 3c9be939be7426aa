package org.jmach.pager.internal;

/** Where the pager's messages go: the platform logger (JUL under Felix, Pax Logging under Karaf). */
final class PagerLog {

    private static final System.Logger LOG = System.getLogger("org.jmach.pager");

    private PagerLog() {
    }

    static void info(String message) {
        LOG.log(System.Logger.Level.INFO, message);
    }
}
