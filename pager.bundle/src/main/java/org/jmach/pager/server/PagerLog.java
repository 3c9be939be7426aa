package org.jmach.pager.server;

/**
 * Where a pager's messages go. Attaching and detaching are routine (the
 * console shows them at a debugging level); a paging area found damaged or
 * not cleanly closed, a device error and a failed attach are warnings.
 */
public interface PagerLog {

    void routine(String message);

    void warning(String message);

    /** Both kinds to the platform logger {@code name} (JUL under Felix, Pax Logging under Karaf). */
    static PagerLog platform(String name) {
        System.Logger logger = System.getLogger(name);
        return new PagerLog() {
            @Override
            public void routine(String message) {
                logger.log(System.Logger.Level.DEBUG, message);
            }

            @Override
            public void warning(String message) {
                logger.log(System.Logger.Level.WARNING, message);
            }
        };
    }
}
